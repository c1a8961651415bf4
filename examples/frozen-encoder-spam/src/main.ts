// Frozen encoder + new head, the cheapest transfer strategy of the lecture: run every message through a pre-trained
// encoder once (no gradients), keep one feature vector per message, and train only a new classification head on
// those features. Here: SpamAssassin mail from an npm package, a WordPiece tokenizer trained on the training split,
// sentence features (mean-pooled hidden states) from an ONNX BERT encoder via @nlpft/inference's FeatureExtractor,
// a head trained with @nlpft/training (ClassificationHead + AdamW + Trainer), metrics from @nlpft/metrics.
// The encoder is `packages/inference/fixtures/bert-tiny` (2 layers, 32 dims) with RANDOM weights, so its features
// are random projections of the tokens rather than pre-trained knowledge; compare with the majority baseline below.
// Swap in a real pre-trained encoder export (and its tokenizer) for real transfer. `--full` uses more mail.
import { fileURLToPath } from 'node:url';
import {
  accuracyScore,
  bootstrapConfidenceInterval,
  classificationReport,
  confusionMatrix,
  meanStatistics,
} from '@nlpft/metrics';
import { createSession, FeatureExtractor } from '@nlpft/inference';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';
import { loadSpamAssassin, type Message } from '@nlpft-examples/data';
import { fitStandardizer, trainHead } from './train-head';

const full = process.argv.includes('--full');
const perGroup = full ? 500 : 150;
const started = Date.now();
const log = (line: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

// Every fifth message is held out; "hard ham" (mail that looks like spam) is test-only.
const messages = loadSpamAssassin(['spam-1', 'easy-ham-1', 'hard-ham-1'], perGroup, 1000);
const train: Message[] = [];
const test: Message[] = [];
messages.forEach((m, i) => (m.group === 'hard-ham-1' || i % 5 === 0 ? test : train).push(m));
log(`${messages.length} SpamAssassin messages: ${train.length} train, ${test.length} test`);

// 1. Tokenizer trained on the training split; 1000 tokens fit the encoder's embedding table.
const tokenizer = Tokenizer.fromJSON(
  await trainWordPiece(
    train.map((m) => m.text),
    { vocabSize: 1000 },
  ),
);
log(`WordPiece tokenizer: ${tokenizer.getVocabSize()} tokens`);

// 2. Frozen features: one forward pass per message, mean pooling over real tokens, first 64 tokens.
const encoder = await createSession(
  fileURLToPath(
    new URL('../../../packages/inference/fixtures/bert-tiny/model.onnx', import.meta.url),
  ),
);
let xTrain: Float32Array[];
let xTest: Float32Array[];
try {
  const extractor = new FeatureExtractor(encoder, tokenizer, { truncation: true, maxLength: 64 });
  xTrain = await extractor.extract(
    train.map((m) => m.text),
    { pooling: 'mean', batchSize: 32 },
  );
  xTest = await extractor.extract(
    test.map((m) => m.text),
    { pooling: 'mean', batchSize: 32 },
  );
} finally {
  await encoder.dispose();
}
const standardize = fitStandardizer(xTrain);
xTrain = xTrain.map(standardize);
xTest = xTest.map(standardize);
log(
  `features: ${xTrain.length + xTest.length} vectors of ${xTrain[0]?.length} values (encoder frozen, run once)`,
);

// 3. A new head, trained on the features only.
const yTrain = train.map((m) => (m.spam ? 1 : 0));
const yTest = test.map((m) => (m.spam ? 1 : 0));
const { head, log: trainLog } = await trainHead(
  xTrain.map((features, i) => ({ features, label: yTrain[i] as number })),
  2,
  { epochs: full ? 40 : 30, learningRate: 1e-2, seed: 42, hiddenSize: 16 },
);
const losses = trainLog.flatMap((e) => (e.type === 'train' ? [e.loss] : []));
log(
  `trained the head (32 → 16 → 2, ${losses.length} logged steps): loss ${losses[0]?.toFixed(3)} → ${losses[losses.length - 1]?.toFixed(3)}`,
);

// 4. Evaluate.
const names = (ys: readonly number[]): string[] => ys.map((y) => (y === 1 ? 'spam' : 'ham'));
const yPred = head.predict(xTest);
const correct = yTest.map((y, i) => (y === yPred[i] ? 1 : 0));
const { stats, score } = meanStatistics(correct);
const ci = bootstrapConfidenceInterval(stats, score, { seed: 1, samples: 1000 });
const majority =
  Math.max(yTest.filter((y) => y === 1).length, yTest.filter((y) => y === 0).length) / yTest.length;
console.log('');
console.log(classificationReport(names(yTest), names(yPred), { digits: 3 }));
const { matrix, labels } = confusionMatrix(names(yTest), names(yPred));
console.log(
  `confusion matrix (rows true, columns predicted; ${labels.join(', ')}): ${JSON.stringify(matrix)}`,
);
console.log(
  `test accuracy ${accuracyScore(yTest, yPred).toFixed(3)}, 95% bootstrap CI [${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}]; majority-class baseline ${majority.toFixed(3)}`,
);
for (const [what, keep] of [
  ['spam + easy ham', (m: Message) => m.group !== 'hard-ham-1'],
  ['hard ham only', (m: Message) => m.group === 'hard-ham-1'],
] as const) {
  const idx = test.flatMap((m, i) => (keep(m) ? [i] : []));
  console.log(
    `${what} (${idx.length} messages): accuracy ${accuracyScore(
      idx.map((i) => yTest[i] as number),
      idx.map((i) => yPred[i] as number),
    ).toFixed(3)}`,
  );
}
log('done');
