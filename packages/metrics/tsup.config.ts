import { defineConfig } from 'tsup';
import { base } from '../../tsup.base';

// One entry per subpath export (`@nlpft/metrics/<name>` → dist/<name>.{js,cjs,d.ts,d.cts}); each needs the
// matching block in package.json "exports". "." (index) exports everything.
export default defineConfig({
  ...base,
  entry: {
    index: 'src/index.ts',
    bleu: 'src/entries/bleu.ts',
    classification: 'src/entries/classification.ts',
    chrf: 'src/entries/chrf.ts',
    ter: 'src/entries/ter.ts',
    perplexity: 'src/entries/perplexity.ts',
    squad: 'src/entries/squad.ts',
    ssa: 'src/entries/ssa.ts',
    rouge: 'src/entries/rouge.ts',
    stats: 'src/entries/stats.ts',
  },
});
