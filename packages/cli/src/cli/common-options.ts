import type { OptionSpecs } from './types';

/**
 * `-o/--output FILE` (written atomically; stdout without it) and `-q/--quiet` (no progress), shared by the commands
 * that write results and report progress. Spread them into a command's `options`.
 */
export const OUTPUT_OPTIONS = {
  output: {
    type: 'path',
    short: 'o',
    valueName: 'FILE',
    description: 'write here (atomically) instead of stdout',
  },
  quiet: { type: 'boolean', short: 'q', description: 'no progress on stderr' },
} as const satisfies OptionSpecs;

/** `-t/--tokenizer FILE` (required), with what the command expects of the file. */
export function tokenizerOption<D extends string>(
  description: D,
): {
  readonly type: 'path';
  readonly short: 't';
  readonly valueName: 'FILE';
  readonly required: true;
  readonly description: D;
} {
  return { type: 'path', short: 't', valueName: 'FILE', required: true, description };
}
