import { Tokenizer as NlpftTokenizer } from '@nlpft/tokenizers';
import { readFixtureTokenizer } from '@nlpft/test-utils';
import tokenizers from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { encodeInputs } from './encode-inputs';
import type { EncodeInputsOptions } from './encode-inputs';
import { templateFromPostProcessor } from './pair-template';
import { randomText, seededRandom } from './random-text.test-helper';

// @nlpft/tokenizers' Tokenizer is a TokenizerLike without an adapter; formatting through it must give what the
// Hugging Face binding's encode(a, b) gives. Sequences stay within maxLength (see encode-inputs.parity.test.ts on
// the binding cutting longer ones early).
describe.each(['bert-base-uncased', 'roberta-base', 't5-small'])(
  'encodeInputs through @nlpft/tokenizers on %s',
  (model) => {
    it('matches the Hugging Face binding on 200 generated pairs', async () => {
      const json = readFixtureTokenizer(model);
      const ours = NlpftTokenizer.fromString(json);
      const hf = tokenizers.Tokenizer.fromString(json);
      const template = templateFromPostProcessor(
        (JSON.parse(json) as { post_processor: unknown }).post_processor,
      );
      const rand = seededRandom(model.length);
      let compared = 0;
      for (let i = 0; i < 200; i++) {
        const maxLength = 8 + Math.floor(rand() * 24);
        const a = randomText(rand, Math.floor(rand() * maxLength * 0.5));
        const b = randomText(rand, Math.floor(rand() * maxLength * 0.5));
        if (ours.encode(a, null, { addSpecialTokens: false }).ids.length > maxLength) continue;
        if (ours.encode(b, null, { addSpecialTokens: false }).ids.length > maxLength) continue;
        // A stride of 1 stays below every window here (≥ 2 tokens), where the binding would abort.
        const options: EncodeInputsOptions = {
          template,
          maxLength,
          stride: rand() < 0.5 ? 0 : 1,
          padding: 'max_length',
        };
        hf.setTruncation(maxLength, { stride: options.stride! });
        hf.setPadding({ maxLength });
        const e = await hf.encode(a, b);
        const flat = (x: {
          getIds(): number[];
          getTypeIds(): number[];
          getAttentionMask(): number[];
          getSpecialTokensMask(): number[];
        }) => [x.getIds(), x.getTypeIds(), x.getAttentionMask(), x.getSpecialTokensMask()];
        const mine = encodeInputs(ours, a, b, options);
        expect(
          [mine, ...mine.overflowing].map((w) => [
            w.ids,
            w.typeIds,
            w.attentionMask,
            w.specialTokensMask,
          ]),
        ).toEqual([e, ...e.getOverflowing()].map(flat));
        compared++;
      }
      expect(compared).toBeGreaterThan(80);
    }, 60_000);
  },
);
