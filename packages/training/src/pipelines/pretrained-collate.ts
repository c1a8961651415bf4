import type { BatchTensor } from '@nlpft/onnx';
import { padRows } from '@nlpft/task-inputs';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { batchTensor } from './collate';

/** A text, its optional pair (entailment, paraphrase) and its class. */
export interface LabelledInput {
  text: string;
  /** The second text of a pair task, encoded as the tokenizer's pair template (`[CLS] A [SEP] B [SEP]`). */
  textPair?: string;
  label: number;
}

/** One encoded example. */
export interface EncodedExample {
  ids: number[];
  typeIds: number[];
  label: number;
}

/**
 * Encodes texts with the folder's tokenizer and its own templates (special tokens, type ids), cut to `maxLength`
 * tokens as `truncation=True, max_length=…` does (longest first for pairs). The tokenizer's settings are put back.
 */
export function encodeLabelled(
  tokenizer: Tokenizer,
  items: readonly LabelledInput[],
  maxLength: number,
): EncodedExample[] {
  const truncation = tokenizer.getTruncation();
  const padding = tokenizer.getPadding();
  tokenizer.enableTruncation(maxLength);
  // The collate pads each batch to its longest; a fixed-length padding from tokenizer.json would only waste work.
  tokenizer.noPadding();
  try {
    return items.map((e) => {
      const enc = tokenizer.encode(e.text, e.textPair ?? null);
      return { ids: enc.ids, typeIds: enc.typeIds, label: e.label };
    });
  } finally {
    if (truncation === null) tokenizer.noTruncation();
    else tokenizer.enableTruncation(truncation.maxLength, truncation);
    if (padding !== null) tokenizer.enablePadding(padding);
  }
}

/** The id padding is written with: the tokenizer's, else `pad_token` of tokenizer_config.json, else the config's, else 0. */
export function padIdOf(model: PretrainedModel, tokenizer: Tokenizer): number {
  const fromPadding = tokenizer.getPadding()?.padId;
  if (fromPadding !== undefined) return fromPadding;
  const token = model.tokenizerConfig?.['pad_token'];
  const content =
    typeof token === 'string' ? token : (token as { content?: unknown } | undefined)?.content;
  const id = typeof content === 'string' ? tokenizer.tokenToId(content) : undefined;
  if (id !== undefined && id !== null) return id;
  const configured = model.config.raw['pad_token_id'];
  // Every padded position is masked out, so for GPT-2 (no pad token) any id will do.
  return typeof configured === 'number' ? configured : 0;
}

/**
 * Batches encoded examples into the inputs the graph declares (`input_ids`, `attention_mask`, `token_type_ids`,
 * `position_ids`), right-padded to the batch's longest, plus `labels`.
 * @throws {TrainingError} `UNSUPPORTED_MODEL` when the graph reads an input this collate cannot fill.
 */
export function pretrainedCollate(
  inputNames: readonly string[],
  padId: number,
): (examples: readonly EncodedExample[]) => Record<string, BatchTensor> {
  const known = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids', 'labels'];
  const unknown = inputNames.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `the model reads ${unknown.map((n) => `'${n}'`).join(', ')}, which a classification batch does not fill (it has ${known.join(', ')})`,
    );
  return (examples) => {
    const n = examples.length;
    const length = Math.max(1, ...examples.map((e) => e.ids.length));
    const wants = (name: string): 'int64' | undefined =>
      inputNames.includes(name) ? 'int64' : undefined;
    const padded = padRows(
      examples.map((e) => ({ ids: e.ids, typeIds: e.typeIds })),
      {
        length,
        padId,
        tensors: {
          inputIds: 'int64',
          attentionMask: wants('attention_mask'),
          tokenTypeIds: wants('token_type_ids'),
        },
      },
    );
    // 0, 1, … over the whole row, padding included (padRows' positions are 1 there); padding is masked out anyway.
    const positions = (): BatchTensor => {
      const data = new BigInt64Array(n * length);
      for (let i = 0; i < n; i++) for (let j = 0; j < length; j++) data[i * length + j] = BigInt(j);
      return { data, dims: [n, length] };
    };
    const all: Record<string, () => BatchTensor> = {
      input_ids: () => batchTensor(padded.inputIds),
      attention_mask: () => batchTensor(padded.attentionMask!),
      token_type_ids: () => batchTensor(padded.tokenTypeIds!),
      position_ids: positions,
      labels: () => ({ data: BigInt64Array.from(examples, (e) => BigInt(e.label)), dims: [n] }),
    };
    return Object.fromEntries(inputNames.map((name) => [name, all[name]!()]));
  };
}
