/*
 * The seeded models and input batches behind the committed fixtures in fixtures/builder/ (test support; not
 * exported from the package). Tests rebuild each model and check it equals the committed file, so the PyTorch
 * references stay tied to the current builder.
 */
import type { Graph } from '../graph';
import { buildBert } from './build-bert';
import { buildGpt2 } from './build-gpt2';
import { addClassificationHead } from '../surgery/add-classification-head';
import { addPrefixTuning } from '../surgery/add-prefix-tuning';

/** One committed fixture: how to build it and the batch the twin ran. */
export interface BuilderFixture {
  name: string;
  build: () => Graph;
  inputs: Record<string, number[][] | number[]>;
  /** Whether the twin also records autograd gradients (`<name>.gradients.json`). */
  grad: boolean;
}

/** hidden 32, 2 layers, 4 heads, vocab 1000: small enough to commit, big enough to exercise every op. */
export const TINY = {
  vocabSize: 1000,
  hidden: 32,
  layers: 2,
  heads: 4,
  intermediate: 64,
  maxPositions: 64,
} as const;

/** A padded batch: row 0 has 3 padding positions, row 1 none; row 1 uses segment 1 for its second half. */
const BERT_INPUTS = {
  input_ids: [
    [101, 7592, 2088, 999, 102, 0, 0, 0].map((t) => t % TINY.vocabSize),
    [101, 2023, 2003, 1037, 102, 2742, 6251, 102].map((t) => t % TINY.vocabSize),
  ],
  attention_mask: [
    [1, 1, 1, 1, 1, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1],
  ],
  token_type_ids: [
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 1, 1, 1],
  ],
};

/** Right-padded causal-LM batch; labels are the ids with -100 at padding (the loss shifts them). */
const GPT2_INPUTS = {
  input_ids: [
    [464, 2068, 7586, 21831, 18045, 625, 0, 0].map((t) => t % TINY.vocabSize),
    [40, 588, 262, 1110, 286, 1204, 13, 198].map((t) => t % TINY.vocabSize),
  ],
  attention_mask: [
    [1, 1, 1, 1, 1, 1, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1],
  ],
};

/** Smaller still for the gradient fixtures, whose references hold one gradient per parameter. */
export const GRAD = {
  vocabSize: 64,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
} as const;

export const BUILDER_FIXTURES: readonly BuilderFixture[] = [
  {
    name: 'bert-tiny',
    build: () => buildBert(TINY, { seed: 7 }),
    inputs: BERT_INPUTS,
    grad: false,
  },
  {
    name: 'gpt2-tiny',
    build: () => buildGpt2(TINY, { seed: 11 }),
    inputs: GPT2_INPUTS,
    grad: false,
  },
  // Prefix tuning, 3 virtual tokens with large (std 0.5) prefixes so they visibly change every output.
  {
    name: 'bert-tiny-prefix',
    build: () =>
      addPrefixTuning(buildBert(TINY, { seed: 7 }), { prefixLength: 3, seed: 5, std: 0.5 }).graph,
    inputs: BERT_INPUTS,
    grad: false,
  },
  {
    name: 'gpt2-tiny-prefix',
    build: () =>
      addPrefixTuning(buildGpt2(TINY, { seed: 11 }), { prefixLength: 3, seed: 5, std: 0.5 }).graph,
    inputs: GPT2_INPUTS,
    grad: false,
  },
  // Gradient references (PyTorch autograd, float64). Dropout nodes are present but in inference mode, as in the twin.
  {
    name: 'gpt2-grad',
    build: () => buildGpt2(GRAD, { seed: 13 }),
    inputs: {
      input_ids: [
        [5, 17, 33, 2, 9, 41, 0, 0],
        [12, 7, 60, 3, 3, 28, 50, 1],
      ],
      attention_mask: [
        [1, 1, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 1, 1, 1],
      ],
      labels: [
        [5, 17, 33, 2, 9, 41, -100, -100],
        [12, 7, 60, 3, 3, 28, 50, 1],
      ],
    },
    grad: true,
  },
  {
    name: 'bert-grad',
    build: () => addClassificationHead(buildBert(GRAD, { seed: 17 }), { numLabels: 3, seed: 19 }),
    inputs: {
      input_ids: [
        [2, 14, 27, 39, 3, 0, 0],
        [2, 8, 61, 22, 3, 45, 3],
      ],
      attention_mask: [
        [1, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 1, 1],
      ],
      token_type_ids: [
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1, 1],
      ],
      labels: [2, 0],
    },
    grad: true,
  },
];
