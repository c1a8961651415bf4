// BERT sentence-pair classification (paraphrase detection, as GLUE's MRPC): train a WordPiece tokenizer on
// Moby-Dick, format each pair as `[CLS] A [SEP] B [SEP]` with token type ids, collate a batch, and classify it with
// an ONNX BERT classifier through @nlpft/inference's SequenceClassifier.
// The model is `packages/inference/fixtures/bert-tiny-cls`: a tiny BERT (2 layers, 32 dims, 1000-row embedding
// table) with a 3-way head and RANDOM weights, so the labels it picks mean nothing; the example shows the
// mechanics. Use your own fine-tuned export and its tokenizer for real predictions. `--full` trains the tokenizer
// on the whole book instead of the first 20 chapters.
import { fileURLToPath } from 'node:url';
import { createSession, SequenceClassifier } from '@nlpft/inference';
import { formatPairs, showSegments, type SentencePair } from './format-pairs';
import { mobyDickParagraphs, trainTokenizer } from '@nlpft-examples/data';

const full = process.argv.includes('--full');
const started = Date.now();
const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// 1. A tokenizer of our own. The fixture's embedding table has 1000 rows, so the vocabulary must fit in it.
const paragraphs = mobyDickParagraphs(full ? 135 : 20);
const tokenizer = await trainTokenizer(paragraphs, 1000);
console.log(
  `trained WordPiece on ${paragraphs.length} Moby-Dick paragraphs: ${tokenizer.getVocabSize()} tokens [${seconds()}]`,
);

// 2. Pairs: is B a paraphrase of A?
const pairs: SentencePair[] = [
  ['The whale swam away from the ship.', 'The ship was left behind by the whale.'],
  ['Ishmael went to sea in November.', 'In November, Ishmael took to the sea.'],
  ['The captain stood on the deck.', 'The harpooneer slept below in his hammock.'],
  ['Queequeg sold shrunken heads in New Bedford.', 'The inn was crowded and cold that night.'],
];
const { encodings, batch } = formatPairs(tokenizer, pairs);
console.log('\nBERT pair inputs (token/type id):');
encodings.forEach((e, i) => console.log(`  [${i}] ${showSegments(tokenizer, e)}`));
console.log(
  `collated: input_ids [${batch.input_ids.dims.join(', ')}], attention_mask, token_type_ids [${batch.token_type_ids?.dims.join(', ')}]`,
);

// 3. Classify: the collated batch straight into the model, and the pairs through SequenceClassifier (which encodes
// each pair with the tokenizer's own `[CLS] $A [SEP] $B [SEP]` template). Both must give the same logits.
const model = await createSession(
  fileURLToPath(
    new URL('../../../packages/inference/fixtures/bert-tiny-cls/model.onnx', import.meta.url),
  ),
);
try {
  const labels = ['paraphrase', 'related', 'unrelated'];
  const classifier = new SequenceClassifier(model, tokenizer, { labels });
  const results = await classifier.classify(pairs);
  const direct = (await model.run({ ...batch }))['logits']?.data as Float32Array;
  let gap = 0;
  console.log(`\npredictions (3-way head relabelled ${labels.join(' / ')}):`);
  results.forEach((r, i) => {
    r.logits.forEach((v, k) => (gap = Math.max(gap, Math.abs(v - (direct[i * 3 + k] as number)))));
    const probs = Array.from(r.probabilities, (p) => p.toFixed(3)).join(' ');
    console.log(`  [${i}] ${r.label.padEnd(10)} p = ${r.score.toFixed(3)}  (all: ${probs})`);
  });
  console.log(
    `collated batch vs SequenceClassifier: max |Δ logit| = ${gap.toExponential(1)} [${seconds()}]`,
  );
} finally {
  await model.dispose();
}
