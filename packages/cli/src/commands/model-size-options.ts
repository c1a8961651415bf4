import { CliError } from '../cli/errors';
import type { OptionSpecs } from '../cli/types';
import type { TinyModelConfig } from '@nlpft/training';

/** The size `nlpft pretrain` and `nlpft finetune` use for what no flag, config key or pre-trained run sets. */
export const DEFAULT_MODEL_SIZE: Readonly<Required<Omit<TinyModelConfig, 'intermediate'>>> = {
  hidden: 64,
  layers: 2,
  heads: 4,
  blockSize: 64,
  dropout: 0.1,
};

/**
 * `--hidden --layers --heads --intermediate --block-size --dropout`, without spec defaults so that a command can
 * tell an explicit value from a missing one (`finetune` takes the missing ones from the pre-trained run).
 */
export const MODEL_SIZE_OPTIONS = {
  hidden: { type: 'integer', min: 1, max: 16_384, description: 'hidden size (default: 64)' },
  layers: { type: 'integer', min: 1, max: 128, description: 'transformer layers (default: 2)' },
  heads: {
    type: 'integer',
    min: 1,
    max: 256,
    description: 'attention heads, a divisor of --hidden (default: 4)',
  },
  intermediate: {
    type: 'integer',
    min: 1,
    max: 65_536,
    description: 'feed-forward size (default: 4 × hidden)',
  },
  blockSize: {
    type: 'integer',
    min: 4,
    max: 65_536,
    description: 'tokens per block and position-table size (default: 64)',
  },
  dropout: { type: 'number', min: 0, max: 0.9, description: 'dropout probability (default: 0.1)' },
} as const satisfies OptionSpecs;

/** The values of {@link MODEL_SIZE_OPTIONS} a command received. */
export interface ModelSizeValues {
  readonly hidden: number | undefined;
  readonly layers: number | undefined;
  readonly heads: number | undefined;
  readonly intermediate: number | undefined;
  readonly blockSize: number | undefined;
  readonly dropout: number | undefined;
}

/**
 * The model size: each flag or config key, else `base` (a pre-trained run's size), else {@link DEFAULT_MODEL_SIZE};
 * `intermediate` defaults to 4 × hidden (BERT's and GPT-2's ratio).
 * @throws {CliError} `INVALID_OPTION` when the heads do not divide the hidden size.
 */
export function resolveModelSize(
  values: ModelSizeValues,
  prog: string,
  base?: TinyModelConfig,
): TinyModelConfig {
  const hidden = values.hidden ?? base?.hidden ?? DEFAULT_MODEL_SIZE.hidden;
  const heads = values.heads ?? base?.heads ?? DEFAULT_MODEL_SIZE.heads;
  if (hidden % heads !== 0)
    throw new CliError(
      'INVALID_OPTION',
      `${prog}: --heads ${heads} does not divide --hidden ${hidden}; each head gets hidden / heads dimensions`,
    );
  return {
    hidden,
    layers: values.layers ?? base?.layers ?? DEFAULT_MODEL_SIZE.layers,
    heads,
    intermediate:
      values.intermediate ??
      (values.hidden === undefined ? base?.intermediate : undefined) ??
      4 * hidden,
    blockSize: values.blockSize ?? base?.blockSize ?? DEFAULT_MODEL_SIZE.blockSize,
    dropout: values.dropout ?? base?.dropout ?? DEFAULT_MODEL_SIZE.dropout,
  };
}

/** `2 layers, hidden 64, 4 heads, intermediate 256, blocks of 64 tokens, dropout 0.1`. */
export function describeModelSize(c: TinyModelConfig): string {
  return (
    `${c.layers} layer${c.layers === 1 ? '' : 's'}, hidden ${c.hidden}, ${c.heads} heads, ` +
    `intermediate ${c.intermediate}, ${c.blockSize} tokens, dropout ${c.dropout ?? 0.1}`
  );
}
