export { repoRoot, sharedDir, sharedPath } from './shared-dir';
export { readReference, readSharedTokenizer, reviveNonFinite } from './read-reference';
export type { ReferenceCase, ReferenceFile } from './read-reference';
