// Every public function checks its arguments: a number, `undefined` or a half-built object where a text, tokenizer,
// list or options belong throws TaskInputError INVALID_INPUT naming the function and the argument, never a
// TypeError from inside.
import { describe, expect, it } from 'vitest';
import * as api from './index';
import { inlineTokenizer } from './inline-tokenizer.test-helper';
import { TaskInputError } from './errors';

const tok = inlineTokenizer();
const template = api.bertTemplate('_start_', '_delimiter_');
const tokens = { start: '_start_', delimiter: '_delimiter_', extract: '_classify_' };
const enc = api.encodeInputs(tok, 'a b', null, { template });
// Deliberately wrong arguments, as an untyped (JavaScript) caller passes them.
const bad = (v: unknown): never => v as never;

const cases: [string, string, () => unknown][] = [
  ['encodeInputs', 'text', () => api.encodeInputs(tok, bad(42), null, { template })],
  ['encodeInputs', 'text', () => api.encodeInputs(tok, bad(undefined), null, { template })],
  ['encodeInputs', 'pair', () => api.encodeInputs(tok, 'a', bad(7), { template })],
  [
    'encodeInputs',
    'text.ids[1]',
    () => api.encodeInputs(tok, { ids: bad([1, '2']) }, null, { template }),
  ],
  ['encodeInputs', 'tokenizer', () => api.encodeInputs(bad(undefined), 'a', null, { template })],
  ['encodeInputs', 'options', () => api.encodeInputs(tok, 'a', null, bad(3))],
  ['encodeInputsBatch', 'inputs', () => api.encodeInputsBatch(tok, bad('a'), { template })],
  ['encodeInputsBatch', 'inputs[1]', () => api.encodeInputsBatch(tok, ['a', bad(1)], { template })],
  [
    'encodeInputsBatch',
    'inputs[0][1]',
    () => api.encodeInputsBatch(tok, [['a', bad(undefined)]], { template }),
  ],
  [
    'encodeInputsBatch',
    'inputs[0]',
    () => api.encodeInputsBatch(tok, [bad(['a', 'b', 'c'])], { template }),
  ],
  ['encodingWindows', 'encoding', () => api.encodingWindows(bad(undefined))],
  ['encodingWindows', 'encoding.overflowing', () => api.encodingWindows(bad({ ids: [] }))],
  ['padEncodings', 'encodings', () => api.padEncodings(bad(enc))],
  ['padEncodings', 'encodings[1]', () => api.padEncodings([enc, bad(null)])],
  ['padEncodings', 'options', () => api.padEncodings([enc], bad('longest'))],
  ['collateBatch', 'items', () => api.collateBatch(bad(undefined))],
  ['collateBatch', 'items[0]', () => api.collateBatch([bad([1, 2])])],
  ['collateBatch', 'options', () => api.collateBatch([enc], bad(1))],
  ['collateMultipleChoice', 'items', () => api.collateMultipleChoice(bad(3))],
  ['collateMultipleChoice', 'items[0][1]', () => api.collateMultipleChoice([[enc, bad(5)]])],
  ['collateMultipleChoice', 'items[0]', () => api.collateMultipleChoice([bad('x')])],
  ['padRows', 'rows', () => api.padRows(bad(undefined))],
  ['padRows', 'rows[0]', () => api.padRows([bad([1, 2])])],
  ['padRows', 'options', () => api.padRows([enc], bad(1))],
  ['gptClassification', 'text', () => api.gptClassification(tok, bad(1), { tokens })],
  ['gptClassification', 'tokenizer', () => api.gptClassification(bad({}), 'a', { tokens })],
  ['gptClassification', 'options', () => api.gptClassification(tok, 'a', bad(undefined))],
  [
    'gptClassification',
    'options.tokens.extract',
    () => api.gptClassification(tok, 'a', { tokens: bad({ start: 's', delimiter: 'd' }) }),
  ],
  ['gptEntailment', 'hypothesis', () => api.gptEntailment(tok, 'a', bad(undefined), { tokens })],
  ['gptSimilarity', 'a', () => api.gptSimilarity(tok, bad(null), 'b', { tokens })],
  ['gptMultipleChoice', 'context', () => api.gptMultipleChoice(tok, bad(2), ['a'], { tokens })],
  ['gptMultipleChoice', 'answers', () => api.gptMultipleChoice(tok, 'c', bad('a'), { tokens })],
  [
    'gptMultipleChoice',
    'answers[1]',
    () => api.gptMultipleChoice(tok, 'c', ['a', bad(9)], { tokens }),
  ],
  [
    'gptMultipleChoice',
    'example.question',
    () => api.gptMultipleChoice(tok, { question: bad(1), answers: ['a'] }, { tokens }),
  ],
  [
    'gptMultipleChoice',
    'example.answers',
    () => api.gptMultipleChoice(tok, { document: 'd', answers: bad(undefined) }, { tokens }),
  ],
  [
    'iclPrompt',
    'tokenizer',
    () => api.iclPrompt(bad(null), { demonstrations: [], query: { input: 'x' } }),
  ],
  ['iclPrompt', 'options', () => api.iclPrompt(tok, bad(undefined))],
  [
    'iclPrompt',
    'options.demonstrations',
    () => api.iclPrompt(tok, { demonstrations: bad(undefined), query: { input: 'x' } }),
  ],
  ['iclPrompt', 'options.query', () => api.iclPrompt(tok, { demonstrations: [], query: bad('x') })],
  [
    'iclPrompt',
    'query.input',
    () => api.iclPrompt(tok, { demonstrations: [], query: { input: bad(5) } }),
  ],
  [
    'iclPrompt',
    'options.instruction',
    () => api.iclPrompt(tok, { instruction: bad(1), demonstrations: [], query: { input: 'x' } }),
  ],
  ['bertTemplate', 'cls', () => api.bertTemplate(bad(null))],
  ['robertaTemplate', 'sep', () => api.robertaTemplate('<s>', bad({}))],
  ['parseTemplate', 'single', () => api.parseTemplate(bad(undefined), '$A $B')],
  ['parseTemplate', 'pair', () => api.parseTemplate('$A', bad(1))],
  ['templateFromPostProcessor', 'path', () => api.templateFromPostProcessor(null, bad(1))],
  ['qaFeatures', 'tokenizer', () => api.qaFeatures(bad(undefined), 'q', 'c')],
  ['qaFeatures', 'question', () => api.qaFeatures(tok, bad(undefined), 'c')],
  ['qaFeatures', 'context', () => api.qaFeatures(tok, 'q', bad(42))],
  ['qaFeatures', 'options', () => api.qaFeatures(tok, 'q', 'c', bad('x'))],
  [
    'qaFeatures',
    'options.answer.start',
    () => api.qaFeatures(tok, 'q', 'c', { answer: bad({ text: 'c' }) }),
  ],
  ['qaAnswerSpan', 'feature', () => api.qaAnswerSpan(bad(undefined), 0, 0)],
  ['qaAnswerSpan', 'feature.offsets', () => api.qaAnswerSpan(bad({}), 0, 0)],
  ['qaAnswerSpan', 'startToken', () => api.qaAnswerSpan({ offsets: [] }, bad('0'), 0)],
];

describe('argument checks', () => {
  it('cover every exported function', () => {
    const functions = Object.entries(api)
      .filter(([, v]) => typeof v === 'function' && v !== TaskInputError)
      .map(([k]) => k);
    expect(new Set(cases.map(([fn]) => fn))).toEqual(new Set(functions));
  });

  it.each(cases)('%s throws INVALID_INPUT naming %s', (fn, what, call) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaskInputError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message.startsWith(`${fn}: `)).toBe(true);
    expect((error as Error).message).toContain(what);
  });

  it('the message shows what was passed', () => {
    expect(() => api.qaFeatures(tok, 'q', api.bertTemplate as never)).toThrow(
      /context must be a string, got a function/,
    );
    expect(() => api.encodeInputs(tok, 42 as never, null, { template })).toThrow(
      /got the number 42/,
    );
  });

  it('a padding target past MAX_PADDED_LENGTH is a typed error, not an out-of-memory crash', () => {
    for (const options of [
      { padding: 'max_length', maxLength: 1e9 },
      { padding: 'longest', padToMultipleOf: 2 ** 20 + 1 },
    ] as const)
      expect(() => api.padEncodings([enc], options)).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          message: expect.stringMatching(/more than 1048576/),
        }),
      );
    expect(
      api.padEncodings([enc], { padding: 'max_length', maxLength: api.MAX_PADDED_LENGTH })[0]!.ids,
    ).toHaveLength(api.MAX_PADDED_LENGTH);
  });
});
