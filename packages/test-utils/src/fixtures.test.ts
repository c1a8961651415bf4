import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, fixturesDir, repoRoot } from './fixtures-dir';
import { readReference } from './read-reference';

describe('the vendored fixtures', () => {
  it('live inside the repository, so a fresh clone needs nothing beside it', () => {
    if (process.env['NLPFT_FIXTURES']) return; // pointed elsewhere on purpose
    expect(relative(repoRoot(), fixturesDir())).toBe('fixtures');
  });

  // Each SOURCE.md records the size and sha256 of the file as it was copied from its public repository.
  const models = readdirSync(join(fixturesDir(), 'tokenizers'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('hold the eight tokenizer folders, each with a SOURCE.md naming origin and licence', () => {
    expect(models.sort()).toEqual([
      'bert-base-multilingual-cased',
      'bert-base-uncased',
      'clip-vit-base-patch32',
      'falcon-7b',
      'gpt2',
      'phi-3-mini-4k-instruct',
      'roberta-base',
      't5-small',
    ]);
  });

  it.each(models)(
    '%s/tokenizer.json is byte for byte the file its SOURCE.md describes',
    (model) => {
      const source = readFileSync(fixturePath('tokenizers', model, 'SOURCE.md'), 'utf8');
      expect(source).toMatch(/License: (MIT|Apache-2\.0)/);
      const sha = /sha256 `([0-9a-f]{64})`/.exec(source)?.[1];
      const size = /Size ([\d,]+) bytes/.exec(source)?.[1];
      const bytes = readFileSync(fixturePath('tokenizers', model, 'tokenizer.json'));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
      expect(bytes.length).toBe(Number(size?.replaceAll(',', '')));
    },
  );

  it('hold the metric reference vectors with the case counts their README lists', () => {
    const counts = Object.fromEntries(
      ['classification', 'bleu', 'chrf', 'ter', 'rouge', 'perplexity', 'squad', 'ssa'].map((f) => [
        f,
        readReference(`metrics/${f}.json`).cases.length,
      ]),
    );
    expect(counts).toEqual({
      classification: 159,
      bleu: 153,
      chrf: 72,
      ter: 17,
      rouge: 69,
      perplexity: 20,
      squad: 48,
      ssa: 10,
    });
  });

  it('fail with a message naming the missing file', () => {
    expect(() => fixturePath('tokenizers', 'no-such-model', 'tokenizer.json')).toThrow(
      /no-such-model\/tokenizer\.json is missing from the fixtures folder/,
    );
  });
});
