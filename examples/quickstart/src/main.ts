// `pnpm demo`: the part of the lecture's workflow that the landed packages cover, on real mail from an npm
// package. Train a WordPiece tokenizer on the training split, format BERT inputs and collate an ONNX-ready batch,
// classify spam vs ham with a naive Bayes baseline over token ids, and evaluate with confusion-matrix metrics and
// a bootstrap confidence interval. `--quick` uses fewer messages (CI).
import {
  accuracyScore,
  bootstrapConfidenceInterval,
  classificationReport,
  confusionMatrix,
  meanStatistics,
} from '@nlpft/metrics';
import { bertTemplate, collateBatch, encodeInputsBatch } from '@nlpft/task-inputs';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';
import { loadSpamAssassin, type Message } from '@nlpft-examples/data';
import { NaiveBayes } from './naive-bayes';

const quick = process.argv.includes('--quick');
const perGroup = quick ? 150 : 1000;
const log = (line: string): void => console.log(`[demo] ${line}`);
const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** A deterministic split: every fifth message of each group is held out; all "hard ham" is test-only. */
function split(messages: readonly Message[]): { train: Message[]; test: Message[] } {
  const train: Message[] = [];
  const test: Message[] = [];
  messages.forEach((m, i) => (m.group === 'hard-ham-1' || i % 5 === 0 ? test : train).push(m));
  return { train, test };
}

log(`mode: ${quick ? 'quick' : 'full'} (${perGroup} messages per group at most)`);
const messages = loadSpamAssassin(['spam-1', 'easy-ham-1', 'hard-ham-1'], perGroup);
const { train, test } = split(messages);
log(
  `loaded ${messages.length} SpamAssassin messages: ${train.length} train, ${test.length} test (hard ham is test-only) [${elapsed()}]`,
);

// 1. A tokenizer of our own, trained on the training split only.
let lastProgress = -Infinity;
const tokenizerJson = await trainWordPiece(
  train.map((m) => m.text),
  {
    vocabSize: quick ? 2000 : 8000,
    progressIntervalMs: 1000,
    onProgress: (p) => {
      if (p.phase === 'done' || Date.now() - lastProgress < 1000) return;
      lastProgress = Date.now();
      const eta = p.etaMs === undefined ? '' : `, ETA ${(p.etaMs / 1000).toFixed(1)} s`;
      log(
        `  training tokenizer: ${p.phase} ${p.done}${p.total === undefined ? '' : `/${p.total}`}${eta}`,
      );
    },
  },
);
const tokenizer = Tokenizer.fromString(JSON.stringify(tokenizerJson));
log(`trained a WordPiece tokenizer: ${tokenizer.getVocabSize()} tokens [${elapsed()}]`);
const sample = tokenizer.encode(test[0]?.text.slice(0, 80) ?? '');
log(`  "${test[0]?.text.slice(0, 50)}…" -> ${sample.tokens.slice(0, 12).join(' ')} …`);

// 2. BERT inputs ([CLS] text [SEP]) truncated to 512 tokens, and one collated batch as an ONNX model takes it.
const encode = (batch: readonly Message[]) =>
  encodeInputsBatch(
    tokenizer,
    batch.map((m) => m.text),
    { template: bertTemplate(), maxLength: 512, truncation: 'longest_first' },
  );
const trainInputs = encode(train);
const testInputs = encode(test);
const batch = collateBatch(testInputs.slice(0, 8));
log(
  `collated a batch for ONNX: input_ids ${batch.input_ids.type} [${batch.input_ids.dims.join(', ')}], attention_mask, token_type_ids [${elapsed()}]`,
);

// 3. The bag-of-words baseline a fine-tuned model has to beat.
// Each token counts once per message (binarised naive Bayes, which suits short texts better than raw counts);
// padding positions (attention mask 0) are not part of the text.
const realIds = (e: { ids: readonly number[]; attentionMask: readonly number[] }): number[] => [
  ...new Set(e.ids.filter((_, i) => e.attentionMask[i] === 1)),
];
const yTrain = train.map((m) => (m.spam ? 1 : 0));
const nb = new NaiveBayes(trainInputs.map(realIds), yTrain, 2, tokenizer.getVocabSize());
const yTrue = test.map((m) => (m.spam ? 'spam' : 'ham'));
const yPred = testInputs.map((e) => (nb.predict(realIds(e)) === 1 ? 'spam' : 'ham'));

// 4. Evaluation.
const { matrix, labels } = confusionMatrix(yTrue, yPred);
const correct = yTrue.map((t, i) => (t === yPred[i] ? 1 : 0));
const { stats, score } = meanStatistics(correct);
const ci = bootstrapConfidenceInterval(stats, score, { seed: 1, samples: 1000 });
const accuracyOf = (keep: (m: Message) => boolean): { n: number; accuracy: number } => {
  const idx = test.flatMap((m, i) => (keep(m) ? [i] : []));
  const pick = (ys: readonly string[]): string[] => idx.map((i) => ys[i] as string);
  return { n: idx.length, accuracy: accuracyScore(pick(yTrue), pick(yPred)) };
};
const easy = accuracyOf((m) => m.group !== 'hard-ham-1');
const hard = accuracyOf((m) => m.group === 'hard-ham-1');
console.log('');
console.log(classificationReport(yTrue, yPred, { digits: 3 }));
console.log(`confusion matrix (rows true, columns predicted; labels ${labels.join(', ')}):`);
for (const [r, row] of matrix.entries())
  console.log(`  ${String(labels[r]).padEnd(5)} ${row.map((v) => String(v).padStart(5)).join('')}`);
console.log('');
console.log('| split | messages | accuracy | 95% bootstrap CI |');
console.log('| --- | ---: | ---: | --- |');
console.log(
  `| test (all) | ${test.length} | ${accuracyScore(yTrue, yPred).toFixed(3)} | [${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}] |`,
);
console.log(`| test, spam + easy ham | ${easy.n} | ${easy.accuracy.toFixed(3)} | |`);
console.log(
  `| test, hard ham only (unlike any training message) | ${hard.n} | ${hard.accuracy.toFixed(3)} | |`,
);
log(`done in ${elapsed()}`);
