import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContinuedPretrainingSection, FinetuneRun, HeldOutLm } from '@nlpft/cli';
import {
  addCausalLmLoss,
  graphFromModel,
  graphToModel,
  readModelFile,
  writeModelFile,
  writeWeights,
} from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
import {
  AdamW,
  OnnxTrainable,
  Trainer,
  linearSchedule,
  packTokenBlocks,
  specialIds,
  writeFileAtomic,
} from '@nlpft/training';
import type { Strategy } from '@nlpft/training';
import { eta } from './eta';
import { runJob } from './finetune-stage';
import type { FinetuneContext } from './finetune-stage';
import { LECTURE_STRATEGY, sizeLabels } from './situations';

/** Settings of continued pre-training (the demo's plan holds them). */
export interface ContinuedPretrainingPlan {
  steps: number;
  learningRate: number;
  batchSize: number;
}

/** What the cache folder keeps of a finished adaptation run (`result.json` beside `model.onnx`). */
interface AdaptedModel {
  key: string;
  texts: number;
  steps: number;
  seconds: number;
  lossCurve: { step: number; loss: number }[];
  heldOutAtStart: HeldOutLm;
  heldOut: HeldOutLm;
}

const int64 = (values: readonly number[], dims: number[]): BatchTensor => ({
  data: BigInt64Array.from(values, (v) => BigInt(v)),
  dims,
});
/** Packed blocks as GPT-2 reads them in pre-training: every position attended, the labels are the inputs. */
const blockBatch = (blocks: readonly (readonly number[])[]): Record<string, BatchTensor> => {
  const dims = [blocks.length, blocks[0]?.length ?? 0];
  return {
    input_ids: int64(blocks.flat(), dims),
    attention_mask: int64(
      blocks.flatMap((b) => b.map(() => 1)),
      dims,
    ),
  };
};

/** Token-weighted mean next-token loss over blocks (each block predicts all but its first token). */
async function heldOutLm(
  model: OnnxTrainable<readonly number[]>,
  blocks: readonly (readonly number[])[],
): Promise<HeldOutLm> {
  const snapshot = await model.snapshot(['loss']);
  let sum = 0;
  let tokens = 0;
  try {
    for (let i = 0; i < blocks.length; i += 32) {
      const batch = blocks.slice(i, i + 32);
      const count = batch.reduce((a, b) => a + b.length - 1, 0);
      const { loss } = await snapshot.run(batch);
      sum += loss!.data[0]! * count;
      tokens += count;
    }
  } finally {
    await snapshot.dispose();
  }
  return { loss: sum / tokens, perplexity: Math.exp(sum / tokens), tokens };
}

/**
 * The pre-trained GPT-2 trained further on next-token prediction over unlabelled mails (the lecture's "pre-train
 * further on the target domain"): AdamW, 6% warmup, linear decay, clipping at 1, as in pre-training. Cached in
 * `cacheDir` by a hash of the base model, the texts and the settings; an interrupted run starts over.
 */
export async function adaptToMail(
  c: FinetuneContext,
  unlabelled: readonly string[],
  heldOut: readonly string[],
  plan: ContinuedPretrainingPlan,
  cacheDir: string,
): Promise<AdaptedModel & { modelPath: string; cached: boolean }> {
  const base = readFileSync(c.pretrainedPath);
  const key = createHash('sha256')
    .update(base)
    .update(JSON.stringify({ unlabelled, heldOut, plan, vocab: c.tokenizer.getVocabSize() }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheDir, `gpt2-clm-mail-${key}`);
  const modelPath = join(dir, 'model.onnx');
  const resultPath = join(dir, 'result.json');
  if (existsSync(modelPath) && existsSync(resultPath)) {
    const done = JSON.parse(readFileSync(resultPath, 'utf8')) as AdaptedModel;
    if (done.key === key) return { ...done, modelPath, cached: true };
  }
  const blockSize = c.plan.model.blockSize;
  const sep = specialIds(c.tokenizer).sep;
  const pack = (texts: readonly string[]) =>
    packTokenBlocks(
      texts.map((t) => c.tokenizer.encode(t, null, { addSpecialTokens: false }).ids),
      { blockSize, separator: [sep] },
    );
  const trainBlocks = pack(unlabelled);
  const heldBlocks = pack(heldOut).slice(0, 200);
  const forward = graphFromModel(readModelFile(c.pretrainedPath));
  const training = forward.clone();
  addCausalLmLoss(training, 'logits', { labels: 'input_ids' });
  const model = OnnxTrainable.create<readonly number[]>(training, {
    collate: blockBatch,
    isParameter: (name) => forward.initializers.has(name),
  });
  try {
    const heldOutAtStart = await heldOutLm(model, heldBlocks);
    const started = Date.now();
    const result = await new Trainer({
      model,
      optimizer: new AdamW(model.params, { learningRate: plan.learningRate, weightDecay: 0.01 }),
      train: trainBlocks,
      seed: 1,
      batchSize: plan.batchSize,
      maxSteps: plan.steps,
      schedule: linearSchedule({
        warmupSteps: Math.round(plan.steps * 0.06),
        totalSteps: plan.steps,
      }),
      maxGradNorm: 1,
      logSteps: Math.max(1, Math.round(plan.steps / 25)),
      signal: c.signal,
      onProgress: (p) =>
        p.step % Math.max(1, Math.round(plan.steps / 5)) === 0 &&
        c.log(`   step ${p.step}/${p.total} loss ${p.loss.toFixed(4)}`),
    }).train();
    const seconds = (Date.now() - started) / 1000;
    const heldOutAfter = await heldOutLm(model, heldBlocks);
    mkdirSync(dir, { recursive: true });
    writeModelFile(modelPath, graphToModel(writeWeights(forward, model.params)));
    const done: AdaptedModel = {
      key,
      texts: unlabelled.length,
      steps: result.steps,
      seconds,
      lossCurve: result.log.flatMap((e) =>
        e.type === 'train' ? [{ step: e.step, loss: e.loss }] : [],
      ),
      heldOutAtStart,
      heldOut: heldOutAfter,
    };
    writeFileAtomic(resultPath, JSON.stringify(done));
    return { ...done, modelPath, cached: false };
  } finally {
    await model.dispose();
  }
}

/**
 * Continued pre-training on the target domain for the dissimilar task: the adapted model, then the lecture's
 * strategy for each size fine-tuned from it with the grid's seeds and recipe, so that each run has a twin in the
 * grid (same strategy, size and seed, from the general pre-trained model).
 */
export async function continuedPretrainingStage(
  c: FinetuneContext,
  unlabelled: readonly string[],
  heldOut: readonly string[],
  plan: ContinuedPretrainingPlan,
  cacheDir: string,
): Promise<ContinuedPretrainingSection> {
  const adapted = await adaptToMail(c, unlabelled, heldOut, plan, cacheDir);
  c.log(
    `   adapted GPT-2: held-out mail perplexity ${adapted.heldOutAtStart.perplexity.toFixed(1)} → ${adapted.heldOut.perplexity.toFixed(1)} after ${adapted.steps} steps on ${adapted.texts} unlabelled mails${adapted.cached ? ' (cached)' : ` (${adapted.seconds.toFixed(0)} s)`}`,
  );
  const strategies = sizeLabels(c.plan.trainSizes).map(([size, trainSize]) => ({
    trainSize,
    size,
    strategy: LECTURE_STRATEGY.dissimilar[size] as Strategy,
  }));
  const runs: FinetuneRun[] = [];
  const total = strategies.length * c.plan.seeds.length;
  const started = Date.now();
  for (const { trainSize, strategy } of strategies)
    for (const seed of c.plan.seeds) {
      const run = await runJob(
        c,
        { strategy, init: 'pretrained', trainSize, seed },
        { optimizer: 'adamw', schedule: 'linear' },
        adapted.modelPath,
      );
      runs.push(run);
      c.log(
        `  [${runs.length}/${total}] adapted + ${strategy.padEnd(14)} n=${String(trainSize).padEnd(4)} seed ${seed}: accuracy ${run.accuracy.toFixed(3)} (${run.seconds.toFixed(1)} s) eta ${eta(runs.length, total, started)}`,
      );
    }
  return {
    description:
      `The pre-trained GPT-2 trained ${adapted.steps} more steps on next-token prediction over ${adapted.texts} ` +
      `unlabelled training-pool mails (spam and easy ham, no labels, no test mail), learning rate ` +
      `${plan.learningRate}, then fine-tuned with the lecture's strategy for each size; its twin is the same ` +
      `run from the general pre-trained model.`,
    texts: adapted.texts,
    steps: adapted.steps,
    learningRate: plan.learningRate,
    seconds: adapted.seconds,
    cached: adapted.cached,
    lossCurve: adapted.lossCurve,
    heldOutAtStart: adapted.heldOutAtStart,
    heldOut: adapted.heldOut,
    strategies,
    runs,
  };
}
