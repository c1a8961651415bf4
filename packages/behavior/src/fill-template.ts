import { checkObject, checkString, checkStrings, describeValue } from './argument-checks';
import { createRng } from './create-rng';
import { BehaviorError } from './errors';

/** Options of `fillTemplate`. */
export interface FillTemplateOptions {
  /** Fill-ins per placeholder: `{ adj: ['good', 'great'] }` fills `{adj}`. */
  lexicons: Readonly<Record<string, readonly string[]>>;
  /**
   * Most texts returned. When the cartesian product is larger, a seeded sample of this many is taken (without
   * repeats, kept in product order). @defaultValue 1000
   */
  max?: number;
  /** Seeds the sample. @defaultValue 0 */
  seed?: number;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills `{key}` placeholders from `lexicons`: every combination (cartesian product, the last placeholder varying
 * fastest), or a seeded sample of `max` of them. A key used twice gets the same fill both times (use `{name1}`
 * and `{name2}` with the same list for two different ones). Braces that do not wrap a key are kept.
 * @throws {BehaviorError} `MISSING_LEXICON` when a placeholder has no lexicon; `EMPTY_LEXICON` when its list is
 * empty; `INVALID_OPTION` when `max` is not a positive integer.
 * @example fillTemplate('{name} is {adj}.', { lexicons: { name: ['Ann', 'Bo'], adj: ['kind', 'late'] } })
 * // ['Ann is kind.', 'Ann is late.', 'Bo is kind.', 'Bo is late.']
 */
export function fillTemplate(template: string, options: FillTemplateOptions): string[] {
  checkString('fillTemplate: template', template);
  checkObject('fillTemplate: options', options);
  const { lexicons, max = 1000, seed = 0 } = options;
  checkObject('fillTemplate: lexicons', lexicons);
  for (const [key, list] of Object.entries(lexicons))
    checkStrings(`fillTemplate: lexicons.${key}`, list);
  if (!Number.isInteger(seed)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `fillTemplate: seed must be an integer, got ${describeValue(seed)}`,
    );
  }
  if (!Number.isInteger(max) || max < 1) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `fillTemplate: max must be a positive integer, got ${max}`,
    );
  }
  const keys = [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!))];
  const lists = keys.map((key) => {
    const list = Object.hasOwn(lexicons, key) ? lexicons[key] : undefined;
    if (list === undefined) {
      const known = Object.keys(lexicons);
      throw new BehaviorError(
        'MISSING_LEXICON',
        `fillTemplate: template ${JSON.stringify(template)} uses {${key}} but lexicons has ` +
          `${known.length > 0 ? known.map((k) => `{${k}}`).join(', ') : 'no keys'}; add a list for ${key}`,
      );
    }
    if (list.length === 0) {
      throw new BehaviorError('EMPTY_LEXICON', `fillTemplate: lexicon ${key} is empty`);
    }
    return list;
  });

  const total = lists.reduce((n, list) => n * list.length, 1);
  const indices =
    total <= max ? Array.from({ length: total }, (_, i) => i) : sample(total, max, seed);
  return indices.map((index) => {
    // Mixed-radix decode of the product index: the last placeholder is the fastest digit.
    const fill = new Map<string, string>();
    for (let k = keys.length - 1; k >= 0; k--) {
      const list = lists[k]!;
      fill.set(keys[k]!, list[index % list.length]!);
      index = Math.floor(index / list.length);
    }
    return template.replace(PLACEHOLDER, (whole, key: string) => fill.get(key) ?? whole);
  });
}

/** `count` distinct integers from [0, total), sorted: Floyd's algorithm, so a huge product costs `count` draws. */
function sample(total: number, count: number, seed: number): number[] {
  const rng = createRng(seed);
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}
