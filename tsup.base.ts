import type { Options } from 'tsup';

/** Shared build settings: every package ships ESM + CJS, each with its own declaration file. */
export const base = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Subpath entries share chunks instead of each bundling its own copy of common code (CJS too).
  splitting: true,
  treeshake: true,
} satisfies Options;
