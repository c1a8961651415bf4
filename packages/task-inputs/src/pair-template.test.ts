import { readFixtureTokenizer } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import {
  bertTemplate,
  parseTemplate,
  robertaTemplate,
  templateFromPostProcessor,
} from './pair-template';

const postProcessor = (model: string): unknown =>
  (JSON.parse(readFixtureTokenizer(model)) as { post_processor: unknown }).post_processor;

describe('parseTemplate', () => {
  it("reads Hugging Face's template strings", () => {
    const t = parseTemplate('[CLS] $A [SEP]', '[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1');
    expect(t.pair).toEqual([
      { special: '[CLS]', typeId: 0 },
      { sequence: 'A', typeId: 0 },
      { special: '[SEP]', typeId: 0 },
      { sequence: 'B', typeId: 1 },
      { special: '[SEP]', typeId: 1 },
    ]);
    expect(parseTemplate('$0', '$A $B:1').single).toEqual([{ sequence: 'A', typeId: 0 }]);
  });

  it('INVALID_OPTION for an unknown $ word or a pair without both sequences', () => {
    expect(() => parseTemplate('$C', '$A $B')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => parseTemplate('$A', '$A [SEP]')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('templateFromPostProcessor', () => {
  it("reads bert-base-uncased's TemplateProcessing with its ids", () => {
    const t = templateFromPostProcessor(postProcessor('bert-base-uncased'));
    expect(t.pair).toEqual([
      { special: [101], typeId: 0 },
      { sequence: 'A', typeId: 0 },
      { special: [102], typeId: 0 },
      { sequence: 'B', typeId: 1 },
      { special: [102], typeId: 1 },
    ]);
    expect(t.overflowTypeIds).toBe('sequence-index');
  });

  it("reads roberta-base's RobertaProcessing as <s> A </s></s> B </s>", () => {
    expect(templateFromPostProcessor(postProcessor('roberta-base'))).toEqual(robertaTemplate(0, 2));
    expect(
      templateFromPostProcessor({
        type: 'BertProcessing',
        cls: ['[CLS]', 101],
        sep: ['[SEP]', 102],
      }),
    ).toEqual(bertTemplate(101, 102));
  });

  it('gives no special tokens for gpt2 (ByteLevel) and falcon (null), and unwraps Sequence', () => {
    const none = {
      single: [{ sequence: 'A', typeId: 0 }],
      pair: [
        { sequence: 'A', typeId: 0 },
        { sequence: 'B', typeId: 1 },
      ],
      overflowTypeIds: 'template',
    };
    expect(templateFromPostProcessor(postProcessor('gpt2'))).toEqual(none);
    expect(templateFromPostProcessor(postProcessor('falcon-7b'))).toEqual(none);
    const roberta = { type: 'RobertaProcessing', cls: ['<s>', 0], sep: ['</s>', 2] };
    expect(
      templateFromPostProcessor({ type: 'Sequence', processors: [{ type: 'ByteLevel' }, roberta] }),
    ).toEqual(robertaTemplate(0, 2));
  });

  it('INVALID_OPTION naming the JSON path for an unknown type or malformed field', () => {
    expect(() => templateFromPostProcessor({ type: 'Mystery' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('post_processor.type'),
      }),
    );
    expect(() =>
      templateFromPostProcessor({ type: 'BertProcessing', cls: 'x', sep: ['[SEP]', 1] }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('post_processor.cls'),
      }),
    );
  });

  it('UNKNOWN_TOKEN when a template names a token its special_tokens lacks', () => {
    const broken = {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }],
      pair: [],
      special_tokens: {},
    };
    expect(() => templateFromPostProcessor(broken)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TOKEN' }),
    );
  });
});
