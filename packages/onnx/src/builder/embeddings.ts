import type { ValueInfo } from '../types';
import type { GraphBuilder, ValueLike } from './graph-builder';
import { nested, parameterPrefix } from './layers';
import { checkArg, checkOptions, checkValueLike } from '../check-args';
import { checkBuilder } from './check-builder';

/** Options of {@link embeddings}. */
export interface EmbeddingsOptions {
  vocabSize: number;
  hidden: number;
  maxPositions: number;
  /** Names of the word and position tables, e.g. `['word_embeddings', 'position_embeddings']` (BERT) or `['wte', 'wpe']` (GPT-2). */
  names: [string, string];
  /** Std of the normal init. @defaultValue 0.02 */
  std?: number;
  /** Segment ids `[batch, sequence]` and the size and name of their table (BERT's `token_type_embeddings`). */
  tokenTypes?: { ids: ValueLike; vocabSize: number; name: string };
}

/**
 * The sum of word, position and (optionally) token-type embeddings, `[batch, sequence, hidden]`. Positions are
 * `0 … sequence-1` (`Range` over the runtime length), as Hugging Face uses when no `position_ids` are given.
 */
export function embeddings(
  b: GraphBuilder,
  inputIds: ValueLike,
  options: EmbeddingsOptions,
): ValueInfo {
  checkBuilder('embeddings', b);
  checkValueLike('embeddings', 'inputIds', inputIds);
  checkOptions(
    'embeddings',
    options,
    {
      vocabSize: 'positiveInteger',
      hidden: 'positiveInteger',
      maxPositions: 'positiveInteger',
      names: 'stringList',
      std: 'nonNegative',
      tokenTypes: 'object',
    },
    { required: ['vocabSize', 'hidden', 'maxPositions', 'names'] },
  );
  if (options.names.length !== 2)
    checkArg('embeddings', 'options.names', options.names, ['[words, positions]']);
  if (options.tokenTypes !== undefined) {
    checkOptions(
      'embeddings',
      options.tokenTypes,
      { vocabSize: 'positiveInteger', name: 'string' },
      { label: 'options.tokenTypes', required: ['vocabSize', 'name'] },
    );
    checkValueLike('embeddings', 'options.tokenTypes.ids', options.tokenTypes.ids);
  }
  const std = options.std ?? 0.02;
  const table = (name: string, rows: number): ValueInfo =>
    nested(b, name, (leaf) =>
      b.scope(leaf, () =>
        b.parameter(`${parameterPrefix(b)}.weight`, [rows, options.hidden], { normal: std }),
      ),
    );
  const words = table(options.names[0], options.vocabSize);
  const positionsTable = table(options.names[1], options.maxPositions);
  const word = nested(b, options.names[0], (leaf) =>
    b.scope(leaf, () => b.op1('Gather', [words, inputIds])),
  );
  const position = nested(b, options.names[1], (leaf) =>
    b.scope(leaf, () => {
      const length = b.op1('Gather', [b.op1('Shape', [inputIds]), b.constant([1], { dims: [] })], {
        axis: { type: 'int', value: 0 },
      });
      const ids = b.op1('Range', [
        b.constant([0], { dims: [] }),
        length,
        b.constant([1], { dims: [] }),
      ]);
      const row = b.op1('Unsqueeze', [ids, b.constant([0])]);
      return b.op1('Gather', [positionsTable, row]);
    }),
  );
  let sum = b.op1('Add', [word, position]);
  if (options.tokenTypes) {
    const tt = options.tokenTypes;
    const typesTable = table(tt.name, tt.vocabSize);
    const type = nested(b, tt.name, (leaf) =>
      b.scope(leaf, () => b.op1('Gather', [typesTable, tt.ids])),
    );
    sum = b.op1('Add', [sum, type]);
  }
  return sum;
}
