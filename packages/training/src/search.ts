import { TrainingError } from './errors';
import type { SeededRng } from './seeded-rng';
import { checkOptionsObject, isRecord, show, isList } from './check-args';

/** A configuration: hyperparameter name → value. */
export type Config = Record<string, number | string | boolean>;

/**
 * Every combination of the listed values, in row-major order (last key varies fastest).
 * @throws {TrainingError} INVALID_OPTION when a key has no values.
 * @example gridSearch({ lr: [1e-5, 3e-5], batchSize: [16, 32] }).length // 4
 */
export function gridSearch(
  space: Readonly<Record<string, readonly (number | string | boolean)[]>>,
): Config[] {
  let out: Config[] = [{}];
  for (const [k, values] of Object.entries(space)) {
    if (values.length === 0)
      throw new TrainingError('INVALID_OPTION', `search space '${k}' has no values`);
    out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  }
  return out;
}

/** How to draw one hyperparameter in {@link randomSearch}. */
export type Sampler =
  | { choice: readonly (number | string | boolean)[] }
  | { uniform: readonly [number, number] }
  | { logUniform: readonly [number, number] }
  | { int: readonly [number, number] };

/**
 * `n` random configurations drawn from the run's {@link SeededRng} (reproducible).
 * @throws {TrainingError} INVALID_OPTION on an empty choice or a bad range.
 */
export function randomSearch(
  space: Readonly<Record<string, Sampler>>,
  n: number,
  rng: SeededRng,
): Config[] {
  const out: Config[] = [];
  for (let i = 0; i < n; i++) {
    const c: Config = {};
    for (const [k, s] of Object.entries(space)) {
      if ('choice' in s) {
        if (s.choice.length === 0)
          throw new TrainingError('INVALID_OPTION', `search space '${k}' has no choices`);
        c[k] = s.choice[rng.int(s.choice.length)]!;
      } else {
        const [a, b] = 'uniform' in s ? s.uniform : 'logUniform' in s ? s.logUniform : s.int;
        if (!(a <= b) || ('logUniform' in s && !(a > 0)))
          throw new TrainingError(
            'INVALID_OPTION',
            `search space '${k}' has a bad range [${a}, ${b}]`,
          );
        if ('uniform' in s) c[k] = a + (b - a) * rng.next();
        else if ('logUniform' in s)
          c[k] = Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * rng.next());
        else c[k] = a + rng.int(b - a + 1);
      }
    }
    out.push(c);
  }
  return out;
}

/** One evaluated configuration. */
export interface Trial {
  config: Config;
  /** Budget (e.g. epochs or steps) the score was measured at. */
  budget: number;
  score: number;
}

/** Options of {@link successiveHalving}. */
export interface SuccessiveHalvingOptions {
  /** Budget of the first rung. Required. */
  minBudget: number;
  /**
   * Keep 1/eta of the configurations per rung and multiply the budget by eta.
   * @defaultValue 3
   */
  eta?: number;
  /**
   * Whether a higher score is better.
   * @defaultValue 'max'
   */
  mode?: 'min' | 'max';
}

/**
 * Successive halving (Jamieson & Talwalkar 2016): evaluate all configurations at `minBudget`, keep the best
 * 1/eta, multiply the budget by eta, repeat until one is left. Returns every trial, in order.
 * @throws {TrainingError} INVALID_OPTION for no configs, eta < 2 or a non-positive budget.
 */
export async function successiveHalving(
  configs: readonly Config[],
  evaluate: (config: Config, budget: number) => number | Promise<number>,
  options: SuccessiveHalvingOptions,
): Promise<{ trials: Trial[]; best: Trial }> {
  const eta = options.eta ?? 3;
  if (configs.length === 0)
    throw new TrainingError('INVALID_OPTION', 'successiveHalving needs at least one config');
  if (!(eta >= 2)) throw new TrainingError('INVALID_OPTION', `eta must be >= 2, got ${eta}`);
  if (!(options.minBudget > 0))
    throw new TrainingError('INVALID_OPTION', `minBudget must be > 0, got ${options.minBudget}`);
  const better = (a: number, b: number) => (options.mode === 'min' ? a < b : a > b);
  let alive = [...configs];
  let budget = options.minBudget;
  const trials: Trial[] = [];
  let rung: Trial[] = [];
  for (;;) {
    rung = [];
    for (const config of alive) {
      const t = { config, budget, score: await evaluate(config, budget) };
      trials.push(t);
      rung.push(t);
    }
    if (alive.length === 1) break;
    rung.sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : 0));
    alive = rung.slice(0, Math.max(1, Math.floor(alive.length / eta))).map((t) => t.config);
    budget *= eta;
  }
  return { trials, best: rung[0]! };
}

/** A Markdown table of trials, best first (ties keep input order). */
export function resultsTable(
  trials: readonly Trial[],
  options: { mode?: 'min' | 'max' } = {},
): string {
  if (!isList(trials) || !trials.every((t) => isRecord(t) && isRecord(t.config)))
    throw new TrainingError(
      'INVALID_OPTION',
      `resultsTable: trials must be an array of { config, score }, got ${show(trials)}`,
    );
  checkOptionsObject('resultsTable', options, { optional: true });
  const keys = [...new Set(trials.flatMap((t) => Object.keys(t.config)))];
  const sorted = [...trials].sort((a, b) =>
    options.mode === 'min' ? a.score - b.score : b.score - a.score,
  );
  const fmt = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v);
  return [
    `| ${[...keys, 'budget', 'score'].join(' | ')} |`,
    `| ${[...keys, 'budget', 'score'].map(() => '---').join(' | ')} |`,
    ...sorted.map(
      (t) =>
        `| ${[...keys.map((k) => fmt(t.config[k])), fmt(t.budget), t.score.toFixed(4)].join(' | ')} |`,
    ),
  ].join('\n');
}
