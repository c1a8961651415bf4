export { repoRoot, fixturesDir, fixturePath } from './fixtures-dir';
export { readReference, readFixtureTokenizer, reviveNonFinite } from './read-reference';
export type { ReferenceCase, ReferenceFile } from './read-reference';
export { mulberry32 } from './mulberry32';
export { TINY, TOY_WORDPIECE, keywordTask, tempFolder, toyCorpus } from './toy-language';
