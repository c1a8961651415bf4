import { defineConfig } from 'tsup';
import { base } from '../../tsup.base';

// Two entries share one copy of the core through code splitting, so `Tokenizer` from '.' and from './node'
// is the same class (instanceof works across them).
export default defineConfig({ ...base, entry: ['src/index.ts', 'src/node.ts'], splitting: true });
