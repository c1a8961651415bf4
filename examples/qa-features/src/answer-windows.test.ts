import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSession, QuestionAnswerer } from '@nlpft/inference';
import { Tokenizer } from '@nlpft/tokenizers';
import { describe, expect, it } from 'vitest';
import { answerWindows, charSpan, windowSpan } from './answer-windows';

// The inference fixtures' word list as a BERT WordPiece vocabulary: every word of the text below is one token.
const vocab = JSON.parse(
  readFileSync(new URL('../../../packages/inference/fixtures/vocab.json', import.meta.url), 'utf8'),
) as string[];
const tokenizer = Tokenizer.fromWordPieceVocab(vocab.join('\n'));

// 23 context tokens: the0 cat1 sat2 on3 the4 mat5 .6 the7 dog8 ran9 fast10 .11 a12 king13 lived14 in15 a16 castle17
// .18 the19 queen20 was21 happy22
const context =
  'The cat sat on the mat. The dog ran fast. A king lived in a castle. The queen was happy';
const question = 'who lived ?'; // 3 tokens
const king = { start: context.indexOf('king'), text: 'king' };

describe('answerWindows', () => {
  // maxLength 16 leaves 16 - 3 question - 3 special = 10 context tokens per window; docStride 4 shares 4 tokens,
  // so windows start every 6 tokens: [0, 10), [6, 16), [12, 22), [18, 23).
  const features = answerWindows(tokenizer, question, context, king, {
    maxLength: 16,
    docStride: 4,
  });

  it('cuts the context into overlapping windows as doc stride prescribes', () => {
    expect(features).toHaveLength(4);
    const tokenStarts = [0, 6, 12, 18];
    features.forEach((f, w) => {
      // [CLS] who lived ? [SEP]: the window's first context token is at position 5.
      expect(f.offsets[5]).toEqual(
        tokenizer.encode(context, null, { addSpecialTokens: false }).offsets[tokenStarts[w]!],
      );
    });
    expect(windowSpan(features[3]!)).toEqual([context.indexOf('.', 60), context.length]);
  });

  it('puts the answer at 5 + (token index − window start) in the windows that hold it, [CLS] elsewhere', () => {
    // "king" is context token 13: window 1 (start 6) → 5 + 7 = 12; window 2 (start 12) → 5 + 1 = 6.
    expect(features.map((f) => [f.startPosition, f.endPosition])).toEqual([
      [0, 0],
      [12, 12],
      [6, 6],
      [0, 0],
    ]);
    expect(features[1]!.ids[12]).toBe(tokenizer.tokenToId('king'));
  });

  it('maps the token positions back to the answer characters', () => {
    for (const f of features.slice(1, 3)) {
      const [s, e] = charSpan(f, f.startPosition!, f.endPosition!);
      expect(context.slice(s, e)).toBe('king');
      expect(s).toBe(king.start);
    }
    expect(() => charSpan(features[0]!, 0, 0)).toThrow(/not all context tokens/);
  });
});

describe('QuestionAnswerer over the same windows', () => {
  it('returns spans whose text is the context at their character offsets, best first', async () => {
    const model = await createSession(
      fileURLToPath(
        new URL('../../../packages/inference/fixtures/bert-tiny-qa/model.onnx', import.meta.url),
      ),
    );
    try {
      const answers = await new QuestionAnswerer(model, tokenizer).answer(question, context, {
        maxLength: 16,
        docStride: 4,
        topK: 5,
      });
      expect(answers).toHaveLength(5);
      for (const a of answers) expect(a.answer).toBe(context.slice(a.start, a.end));
      const scores = answers.map((a) => a.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    } finally {
      await model.dispose();
    }
  });
});
