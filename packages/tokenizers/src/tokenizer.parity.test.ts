import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { readFixtureTokenizer, fixturePath } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';
import { parityCorpus, randomUnicode } from './parity-corpus.test-helper';
import { mulberry32 } from '@nlpft/test-utils';
import { comparable, firstDiff, fromOracle, hf, wellFormed } from './oracle.test-helper';

// Lines per dataset (3 datasets) on top of the edge cases; NLPFT_PARITY_LINES raises it for a long run.
const PER_SOURCE = Number(process.env.NLPFT_PARITY_LINES ?? 700);
const corpus = parityCorpus(PER_SOURCE);
const models = readdirSync(fixturePath('tokenizers')).filter((m) =>
  statSync(fixturePath('tokenizers', m)).isDirectory(),
);

describe('parity with the Hugging Face Rust tokenizers (npm `tokenizers` 0.23.2)', () => {
  it('finds the shared tokenizer files', () => {
    expect(models.length).toBeGreaterThanOrEqual(8);
  });

  it.each(models)(
    '%s: ids, tokens, type ids, masks, word ids, offsets and decode match on every line, single and pair',
    async (model) => {
      const json = readFixtureTokenizer(model);
      const ours = Tokenizer.fromString(json);
      const oracle = hf.Tokenizer.fromString(json);
      let compared = 0;
      let decodes = 0;
      const failures: string[] = [];
      for (let i = 0; i < corpus.length; i++) {
        const text = corpus[i]!;
        // Every line alone; every third line with a pair; every fifth without special tokens.
        const pair = i % 3 === 0 ? corpus[(i * 7 + 1) % corpus.length] : undefined;
        const addSpecialTokens = i % 5 !== 0;
        const expected = fromOracle(
          await oracle.encode(text, pair ?? null, { addSpecialTokens }),
          text,
          pair,
        );
        const got = comparable(ours.encode(text, pair, { addSpecialTokens }));
        const diff = firstDiff(expected, got);
        compared++;
        if (diff !== null && failures.length < 5) {
          failures.push(
            `${JSON.stringify(text).slice(0, 120)} → ${diff}: ${JSON.stringify(expected[diff as 'ids']).slice(0, 200)} vs ${JSON.stringify(got[diff as 'ids']).slice(0, 200)}`,
          );
        }
        for (const skip of [true, false]) {
          const want = await oracle.decode(expected.ids, skip);
          const have = ours.decode(expected.ids, { skipSpecialTokens: skip });
          decodes++;
          if (want !== have && failures.length < 5) {
            failures.push(
              `decode(skip=${skip}) ${JSON.stringify(text).slice(0, 80)}: ${JSON.stringify(want).slice(0, 120)} vs ${JSON.stringify(have).slice(0, 120)}`,
            );
          }
        }
      }
      console.log(
        `[parity] ${model}: ${compared} encodings (${corpus.length} lines, pairs and no-special variants), ${decodes} decodes, ${failures.length} differences`,
      );
      expect(failures).toEqual([]);
    },
    600_000,
  );

  it.each(models)('%s: code-point offsets equal the oracle’s own numbers', async (model) => {
    const json = readFixtureTokenizer(model);
    const ours = Tokenizer.fromString(json);
    const oracle = hf.Tokenizer.fromString(json);
    // Corpus lines with astral characters must match exactly.
    for (const text of corpus.filter((l) => /[\ud800-\udfff]/.test(l))) {
      const e = await oracle.encode(text);
      expect(ours.encode(text, null, { offsetType: 'codePoint' }).offsets).toEqual(e.getOffsets());
    }
    // Seeded random Unicode (controls, marks, tags, astral, unassigned code points). Lone surrogates are
    // made U+FFFD first, as the binding's string conversion does (each becomes one U+FFFD; encoding them
    // as they are is compared in unicode.property.test.ts).
    const r = mulberry32(99);
    let same = 0;
    const total = 200;
    for (let i = 0; i < total; i++) {
      const text = wellFormed(randomUnicode(r, 40));
      const e = await oracle.encode(text);
      const got = ours.encode(text, null, { offsetType: 'codePoint' });
      if (
        JSON.stringify(got.ids) === JSON.stringify(e.getIds()) &&
        JSON.stringify(got.offsets) === JSON.stringify(e.getOffsets())
      )
        same++;
    }
    console.log(
      `[parity] ${model}: random Unicode, ids+code-point offsets identical on ${same}/${total}`,
    );
    expect(same).toBe(total);
  });
});
