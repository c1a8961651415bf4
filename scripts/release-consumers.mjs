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

// A whitespace tokenizer written inline: task-inputs needs only `encode` (ids without special tokens) and
// `tokenToId`, so any tokenizer fits. Expected ids follow BERT's template: [CLS] a b [SEP] c [SEP].
const inlineTokenizer = `const vocab = { '[PAD]': 0, '[CLS]': 1, '[SEP]': 2, the: 3, cat: 4, sat: 5, down: 6 };
const tokenizer = {
  encode: (text) => ({ ids: text.split(' ').map((w) => vocab[w]) }),
  tokenToId: (token) => vocab[token],
};`;
const expectPair = `if (JSON.stringify(e.ids) !== '[1,3,4,2,5,6,2]' || JSON.stringify(e.typeIds) !== '[0,0,0,0,1,1,1]') {
  throw new Error('encodeInputs gave ' + JSON.stringify(e));
}`;

consumers.push({
  name: '@nlpft/task-inputs',
  esm: `import { bertTemplate, encodeInputs } from '@nlpft/task-inputs';
${inlineTokenizer}
const e = encodeInputs(tokenizer, 'the cat', 'sat down', { template: bertTemplate() });
${expectPair}
console.log('esm encodeInputs ids =', e.ids.join(' '));`,
  cjs: `const { bertTemplate, encodeInputs, TaskInputError } = require('@nlpft/task-inputs');
${inlineTokenizer}
const e = encodeInputs(tokenizer, 'the cat', 'sat down', { template: bertTemplate() });
${expectPair}
try { encodeInputs(tokenizer, 'the', null, { template: bertTemplate('[NOPE]') }); throw new Error('no error'); } catch (err) {
  if (!(err instanceof TaskInputError)) throw err;
}
console.log('cjs encodeInputs typeIds =', e.typeIds.join(' '));`,
  ts: `import { bertTemplate, encodeInputs, type TokenizerLike } from '@nlpft/task-inputs';
const vocab: Record<string, number> = { '[CLS]': 1, '[SEP]': 2, the: 3, cat: 4 };
const tokenizer: TokenizerLike = {
  encode: (text: string) => ({ ids: text.split(' ').map((w) => vocab[w] ?? 0) }),
  tokenToId: (token: string) => vocab[token],
};
const ids: readonly number[] = encodeInputs(tokenizer, 'the', 'cat', { template: bertTemplate() }).ids;
export { ids };`,
});

// A keyword classifier written inline: positive iff the text contains lower-case "good". Upper-casing hides
// the keyword, so the invariance test fails on exactly the one text that has it: failure rate 1/2.
const keywordSuite = `const predict = (texts) => texts.map((t) => ({ label: t.includes('good') ? 1 : 0 }));
const suite = { name: 's', tests: [inv({ name: 'upper', texts: ['good film', 'bad film'], perturbation: caseTo('upper') })] };`;

consumers.push({
  name: '@nlpft/behavior',
  esm: `import { caseTo, inv, runSuite } from '@nlpft/behavior';
${keywordSuite}
const result = await runSuite(suite, predict, { seed: 1 });
if (result.tests[0].failureRate !== 0.5) throw new Error('runSuite gave ' + JSON.stringify(result));
console.log('esm runSuite failureRate =', result.tests[0].failureRate);`,
  cjs: `const { caseTo, inv, runSuite, typoSwap, createRng, BehaviorError } = require('@nlpft/behavior');
${keywordSuite}
// typoSwap on 'abcd' with a draw of 0.5 swaps the middle pair (pairs at 0, 1, 2).
if (typoSwap('abcd', () => 0.5) !== 'acbd') throw new Error('typoSwap gave ' + typoSwap('abcd', () => 0.5));
if (typoSwap('abcd', createRng(3)) !== typoSwap('abcd', createRng(3))) throw new Error('typoSwap not seeded');
runSuite({ name: 'empty', tests: [] }, predict).then(
  () => { throw new Error('no error'); },
  (e) => {
    if (!(e instanceof BehaviorError) || e.code !== 'EMPTY_SUITE') throw e;
    return runSuite(suite, predict);
  },
).then((result) => {
  if (result.tests[0].failureRate !== 0.5) throw new Error('runSuite gave ' + JSON.stringify(result));
  console.log('cjs runSuite failureRate =', result.tests[0].failureRate);
});`,
  ts: `import { caseTo, inv, runSuite, type BehaviorErrorCode, type PredictFn, type SuiteResult } from '@nlpft/behavior';
const predict: PredictFn = (texts) => texts.map((t) => ({ label: t.includes('good') ? 1 : 0 }));
const pending: Promise<SuiteResult> = runSuite(
  { name: 's', tests: [inv({ name: 'upper', texts: ['good film'], perturbation: caseTo('upper') })] },
  predict,
);
const code: BehaviorErrorCode = 'EMPTY_SUITE';
export { pending, code };`,
});
