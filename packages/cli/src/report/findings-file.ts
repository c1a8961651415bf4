import { slug } from './html-parts';
import type { DemoResults, Finding, FindingsFile } from './report-types';

const VERDICT = { true: 'supported', false: 'contradicted', null: 'inconclusive' } as const;

/** A finite number, or null: JSON has no NaN, and a reader should not have to guess what one meant. */
const finiteOrNull = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/**
 * `base`, or `base-2`, `base-3`, … : the first one whose (id, situation) key is not in `used`, which it joins. One
 * id may recur across situations: findings.json has one 'transfer' claim per situation of the lecture's map.
 */
function uniqueId(base: string, situation: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(`${id}\u0000${situation}`); n++) id = `${base}-${n}`;
  used.add(`${id}\u0000${situation}`);
  return id;
}

function claimOf(f: Finding, used: Set<string>): FindingsFile['claims'][number] {
  const where = f.situation ? `${f.situation.similarity}/${f.situation.size}` : '';
  return {
    id: uniqueId(f.id ?? slug(f.claim), where, used),
    statement: f.claim,
    situation: f.situation ? { similarity: f.situation.similarity, size: f.situation.size } : null,
    verdict: VERDICT[String(f.holds) as 'true' | 'false' | 'null'],
    effect: finiteOrNull(f.effect),
    p: finiteOrNull(f.p),
    seeds: f.seeds ?? 0,
  };
}

/**
 * The claims and the situation map of a run in the shape of `findings.json`, for machines: each claim
 * with a verdict in words ('supported', 'contradicted', 'inconclusive'), an id (the finding's own, else a
 * slug of its claim) made unique per situation by `-2`, `-3` in order of appearance (the same id may
 * appear once per situation, as 'transfer' does), `effect` and `p`
 * null when absent or not finite, `seeds` 0 when absent; each situation without its train size and task.
 * @example findingsFile(results).claims[0] // { id: 'transfer', verdict: 'supported', effect: 0.12, … }
 */
export function findingsFile(results: DemoResults): FindingsFile {
  const used = new Set<string>();
  return {
    claims: results.findings.map((f) => claimOf(f, used)),
    situations: results.situations.map((s) => ({
      similarity: s.similarity,
      size: s.size,
      lectureStrategy: s.lectureStrategy,
      measuredBest: s.measuredBest,
      scores: { ...s.scores },
    })),
  };
}
