import { describe, expect, it } from 'vitest';
import { Tokenizer } from './tokenizer';
import { parityCorpus } from './parity-corpus.test-helper';
import { comparable, firstDiff, fromOracle, hf } from './oracle.test-helper';
import { variants } from './component-variants.test-helper';

const corpus = parityCorpus(60, 11);

describe('component parity with the Hugging Face Rust tokenizers', () => {
  it.each(variants)(
    '%s',
    async (_name, json) => {
      const text = JSON.stringify(json);
      const ours = Tokenizer.fromString(text);
      const oracle = hf.Tokenizer.fromString(text);
      const failures: string[] = [];
      let n = 0;
      for (let i = 0; i < corpus.length; i++) {
        const line = corpus[i]!;
        // Pairs under LongestFirst truncation are left out: Hugging Face 0.23 splits the budget between two
        // long sequences in a way we reproduce only in part (see README, Compatibility).
        const pairsDiffer = json.truncation?.strategy === 'LongestFirst';
        const pair = i % 2 === 0 && !pairsDiffer ? corpus[(i * 5 + 3) % corpus.length] : undefined;
        let expected;
        try {
          expected = await oracle.encode(line, pair ?? null);
        } catch {
          // The oracle refuses (e.g. only_first truncation of a too-short first sequence): so must we.
          expect(() => ours.encode(line, pair)).toThrow();
          continue;
        }
        const got = ours.encode(line, pair);
        const want = fromOracle(expected, line, pair);
        const diff = firstDiff(want, comparable(got));
        n++;
        if (diff && failures.length < 3) {
          failures.push(
            `${JSON.stringify(line).slice(0, 100)} → ${diff}: ${JSON.stringify(want[diff as 'ids']).slice(0, 240)} vs ${JSON.stringify(comparable(got)[diff as 'ids']).slice(0, 240)}`,
          );
        }
        const d = await oracle.decode(want.ids, true);
        if (d !== ours.decode(want.ids) && failures.length < 3) {
          failures.push(
            `decode ${JSON.stringify(d).slice(0, 100)} vs ${JSON.stringify(ours.decode(want.ids)).slice(0, 100)}`,
          );
        }
      }
      expect(n).toBeGreaterThan(10);
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
