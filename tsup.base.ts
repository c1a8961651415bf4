import type { Options } from 'tsup';

/** Shared build settings: every package ships ESM + CJS, each with its own declaration file. */
export const base = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
} satisfies Options;
