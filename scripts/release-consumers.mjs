// What the release rehearsal checks in each package that users install on its own: a known value
// computed through `import` (ESM), `require` (CJS), and a consumer .ts that must type-check.
export const consumers = [
  {
    name: '@nlpft/metrics',
    // scikit-learn: accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]) == 0.5
    esm: `import { accuracyScore } from '@nlpft/metrics';
const value = accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]);
if (value !== 0.5) throw new Error('accuracyScore gave ' + value);
console.log('esm accuracyScore =', value);`,
    cjs: `const { accuracyScore, MetricsError } = require('@nlpft/metrics');
const value = accuracyScore(['a', 'b'], ['a', 'a']);
if (value !== 0.5) throw new Error('accuracyScore gave ' + value);
try { accuracyScore([1], []); throw new Error('no error'); } catch (e) {
  if (!(e instanceof MetricsError) || e.code !== 'LENGTH_MISMATCH') throw e;
}
console.log('cjs accuracyScore =', value);`,
    ts: `import { accuracyScore, type AccuracyOptions, type MetricsErrorCode } from '@nlpft/metrics';
const options: AccuracyOptions = { normalize: false };
const count: number = accuracyScore([1, 0], [1, 1], options);
const code: MetricsErrorCode = 'LENGTH_MISMATCH';
export { count, code };`,
  },
];
