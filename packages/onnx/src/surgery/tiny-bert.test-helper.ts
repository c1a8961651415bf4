// A tiny BERT and a padded two-row batch (the second row a pair), shared by the head tests.
export const TINY_BERT = {
  vocabSize: 50,
  hidden: 8,
  layers: 1,
  heads: 2,
  intermediate: 16,
  maxPositions: 8,
};
export const PAIR_FEEDS = {
  input_ids: [
    [1, 5, 7, 9, 0],
    [1, 4, 8, 2, 6],
  ],
  attention_mask: [
    [1, 1, 1, 1, 0],
    [1, 1, 1, 1, 1],
  ],
  token_type_ids: [
    [0, 0, 0, 0, 0],
    [0, 0, 1, 1, 1],
  ],
};
