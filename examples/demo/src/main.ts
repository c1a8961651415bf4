// `pnpm demo` — the lecture end to end on data that ships in npm packages, on a laptop CPU:
//   1. a WordPiece tokenizer, a tiny BERT (masked LM) and a tiny GPT-2 (next token) pre-trained on State of the Union
//      addresses + Moby-Dick, with held-out perplexity before and after;
//   2. the lecture's map of data situations: an acceptability task on held-out text like the pre-training text
//      (which of two sentences is real; likelihood fine-tuning beside the four new-head strategies, against the
//      zero-shot likelihood and a word-pair baseline), and spam vs ham, text unlike it; each fine-tuned with every
//      strategy, from the pre-trained GPT-2 and from random weights, at two training-set sizes, over several seeds;
//   3. evaluation: accuracy / precision / recall / F1 with bootstrap intervals, the seed spread of BERTAdam vs AdamW,
//      GPT-2 next-sentence choice and generations scored by BLEU / ROUGE;
//   4. demo-report/index.html and a summary table.
// Pre-trained models are cached (.cache/demo); Ctrl-C during pre-training saves a checkpoint, and the next run
// resumes there. Flags: --quick (CI; it also fails unless pre-trained init beats random init on the similar task's
// small set, p < 0.05), --out DIR, --cache DIR, --stop-after pretrain, --expect-transfer (the same check in any
// mode), --smoke (tests only).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ProgressReporter, summaryMarkdown, writeReport } from '@nlpft/cli';
import type { DemoResults, PretrainSection } from '@nlpft/cli';
import { TrainingError, pretrainLanguageModel } from '@nlpft/training';
import type { PretrainResult } from '@nlpft/training';
import { DemoCheckError, checkReportStructure, transferOnSimilarSmallSet } from './check-results';
import { loadCorpus } from './corpus';
import { continuedPretrainingStage } from './continued-pretraining-stage';
import { finetuneGrid, instabilityStage } from './finetune-stage';
import { findings } from './findings';
import { generationStage } from './generation-stage';
import { similarStage } from './similar-stage';
import { situations } from './situations';
import { machineDescription } from './machine';
import { WORD_PERTURBATIONS, perturbWords } from './perturb-words';
import { robustnessSection } from './robustness-section';
import { FULL_PLAN, QUICK_PLAN, SMOKE_PLAN } from './plan';
import { spamSplits } from './spam-data';
import { demoTokenizer } from './tokenizer-stage';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  // `pnpm demo -- --quick` passes the `--` through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    'expect-transfer': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'demo-report') },
    cache: { type: 'string', default: join(root, '.cache', 'demo') },
    'stop-after': { type: 'string' },
  },
});
const plan = values.smoke ? SMOKE_PLAN : values.quick ? QUICK_PLAN : FULL_PLAN;
const cacheDir = join(resolve(values.cache), plan.mode);
mkdirSync(cacheDir, { recursive: true });
const log = (line: string) => console.log(line);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

// First Ctrl-C: stop at the next training step, checkpoint, exit 130. Second: leave now (every write is atomic).
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  log('\ninterrupt: saving a checkpoint at the next step (Ctrl-C again to quit now)');
  controller.abort();
});

async function main(): Promise<void> {
  log(`nlpft demo (${plan.mode}) — cache ${cacheDir}`);
  const corpus = loadCorpus(plan.corpusChars);
  const { tokenizer, cached } = await demoTokenizer(cacheDir, corpus.train, plan.vocabSize);
  log(
    `1. tokenizer: WordPiece, ${tokenizer.getVocabSize()} tokens ${cached ? '(cached)' : 'trained'} on ${corpus.train.length} paragraphs; ${corpus.heldOut.length} held out [${elapsed()}]`,
  );
  const pretrain = async (
    objective: 'mlm' | 'clm',
    steps: number,
    learningRate: number,
    name: string,
  ) => {
    log(`   ${name}: ${steps} steps`);
    // Lines (not a redrawn bar), so the log reads the same on a terminal and in CI.
    const progress = new ProgressReporter({
      total: steps,
      label: `   ${name}`,
      stream: process.stdout,
      tty: false,
    });
    const r = await pretrainLanguageModel({
      objective,
      tokenizer,
      train: corpus.train,
      heldOut: corpus.heldOut,
      model: plan.model,
      steps,
      learningRate,
      batchSize: plan.pretrainBatch,
      seed: 1,
      outputDir: join(cacheDir, name),
      signal: controller.signal,
      onProgress: (p) => progress.report(p),
    });
    log(
      `   ${name}: held-out perplexity ${r.heldOutAtInit.perplexity.toFixed(1)} → ${r.heldOut.perplexity.toFixed(1)}` +
        (r.cached
          ? ' (cached)'
          : r.resumedFrom > 0
            ? ` (resumed from step ${r.resumedFrom})`
            : '') +
        ` [${elapsed()}]`,
    );
    return r;
  };
  const bert = await pretrain('mlm', plan.mlmSteps, plan.mlmLearningRate, 'bert-mlm');
  const gpt2 = await pretrain('clm', plan.clmSteps, plan.clmLearningRate, 'gpt2-clm');
  if (values['stop-after'] === 'pretrain') return;

  log(
    `2. similar text: which of two held-out sentences is real, sizes ${plan.similarSizes.join(' / ')} [${elapsed()}]`,
  );
  const { section: similar, test: similarTest } = await similarStage({
    plan,
    tokenizer,
    pretrainedPath: gpt2.modelPath,
    heldOut: corpus.heldOut,
    signal: controller.signal,
    log,
  });
  const { train, test, unlabelled, heldOutMail } = spamSplits(plan.trainSizes, plan.testPerGroup);
  const majority =
    Math.max(...[0, 1].map((l) => test.filter((m) => m.label === l).length)) / test.length;
  log(
    `   dissimilar text: spam vs ham, sizes ${plan.trainSizes.join(' / ')}, test ${test.length} (hard ham only in test), majority baseline ${majority.toFixed(3)}`,
  );
  const context = {
    plan,
    tokenizer,
    pretrainedPath: gpt2.modelPath,
    train,
    test,
    // Robustness: every model is also scored on these copies of the test mails.
    perturbed: WORD_PERTURBATIONS.map((p) => ({
      name: p.name,
      items: test.map((m) => ({ ...m, text: perturbWords(m.text, p) })),
    })),
    signal: controller.signal,
    log,
  };
  const grid = await finetuneGrid(context);
  log(`3. seed spread: BERTAdam vs AdamW + warmup [${elapsed()}]`);
  const instability = await instabilityStage(context, grid, majority);
  log(
    `   continued pre-training on ${unlabelled.length} unlabelled mails, then fine-tuning [${elapsed()}]`,
  );
  const continuedPretraining = await continuedPretrainingStage(
    context,
    unlabelled,
    heldOutMail,
    plan.continuedPretraining,
    cacheDir,
  );
  log(`   GPT-2: next-sentence choice and generations [${elapsed()}]`);
  const generation = await generationStage(
    gpt2.modelPath,
    tokenizer,
    corpus.heldOut,
    plan.choiceQuestions,
    plan.generations,
  );
  const drop = (r: PretrainResult) =>
    (r.heldOutAtInit.perplexity / r.heldOut.perplexity).toFixed(1);
  const section = (model: string, r: PretrainResult): PretrainSection => ({
    model,
    description: `${r.model.layers} layers, hidden ${r.model.hidden}, ${r.model.heads} heads, vocabulary ${r.vocabSize}, blocks of ${r.model.blockSize}`,
    parameters: r.parameters,
    steps: r.steps,
    seconds: r.seconds,
    cached: r.cached,
    lossCurve: r.lossCurve,
    heldOutAtInit: r.heldOutAtInit,
    heldOut: r.heldOut,
  });
  const measured: Omit<DemoResults, 'findings' | 'situations'> = {
    meta: {
      mode: plan.mode,
      createdAt: new Date().toISOString(),
      machine: machineDescription(),
      seconds: (Date.now() - started) / 1000,
    },
    data: {
      pretrainTexts: corpus.train.length,
      pretrainTokens: bert.trainBlocks * plan.model.blockSize,
      heldOutTexts: corpus.heldOut.length,
      tokenizerVocabSize: tokenizer.getVocabSize(),
      spamTrainSizes: plan.trainSizes,
      spamTestSize: test.length,
      majorityBaseline: majority,
      finetuneModel:
        `the pre-trained GPT-2 body (GPT-1 style: a mean-pooled linear head on the decoder; at this budget ` +
        `next-token pre-training cut held-out perplexity ${drop(gpt2)}×, masked-LM pre-training of the BERT ` +
        `only ${drop(bert)}×)`,
    },
    pretraining: [section('bert-mlm', bert), section('gpt2-clm', gpt2)],
    finetuning: grid,
    instability,
    generation,
    similar,
    continuedPretraining,
  };
  const mapped = { ...measured, situations: situations(measured) };
  const partial: Omit<DemoResults, 'findings'> = {
    ...mapped,
    robustness: robustnessSection(mapped, tokenizer, {
      similar: similarTest.map((q) => q.choices.join('\n')),
      dissimilar: test.map((m) => m.text),
    }),
  };
  const results: DemoResults = { ...partial, findings: findings(partial) };
  const html = await writeReport(resolve(values.out), results);
  log(`4. report: ${html} [${elapsed()}]\n`);
  log(summaryMarkdown(results));
  if (plan.mode !== 'full') checkReportStructure(results, html);
  const transfer = transferOnSimilarSmallSet(results);
  log(transfer.message);
  if ((values['expect-transfer'] || plan.mode === 'quick') && !transfer.holds)
    throw new DemoCheckError(transfer.message);
}

main().catch((error: unknown) => {
  if (error instanceof TrainingError && error.code === 'INTERRUPTED') {
    log(`${error.message}\nRun the demo again to resume; nothing in the cache was corrupted.`);
    process.exit(130);
  }
  console.error(error);
  process.exit(1);
});
