import { existsSync } from 'node:fs';
import { MAX_NEW_TOKENS, createSession, withoutSpecialTokens } from '@nlpft/inference';
import { commandProgress } from '../cli/command-progress';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { OUTPUT_OPTIONS, tokenizerOption } from '../cli/common-options';
import { withOutput } from '../cli/output-sink';
import { readInputLines } from '../cli/read-input';
import { loadTokenizer } from './load-tokenizer';
import { PREDICT_TASKS, createTaskRunner } from './predict-tasks';

/** Input lines handed to the task per call, in batches of --batch-size (and per progress tick). */
const CHUNK_BATCHES = 8;

/** `nlpft predict`: run an ONNX model over input lines, one JSON result per line. */
/** `--device` in onnxruntime's terms: auto is CUDA with the CPU as fallback. */
const PROVIDERS = {
  cpu: ['cpu'],
  cuda: ['cuda'],
  auto: ['cuda', 'cpu'],
} as const;

export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'run an ONNX model (classify, features, generate, score) over input lines → JSONL',
  usage: '--model FILE --tokenizer FILE --task TASK [options] [INPUT...]',
  description:
    'One input per line (with --pair, "first<TAB>second"); one JSON object per line out, in input order:\n' +
    '  classify  {"label", "index", "score", "probabilities": {label: p}}  (labels from config.json id2label)\n' +
    '  features  {"embedding": [...]}                                     (pooled last_hidden_state)\n' +
    '  generate  {"prompt", "text", "ids", "finishReason"}                (KV cache when the model has it)\n' +
    '  score     {"ids", "tokenLogProbs", "nll", "perplexity"}            (causal LM; pipe to eval perplexity)\n' +
    "config.json beside the model is read (labels, pad/eos ids, positions). Runs @nlpft/inference's\n" +
    'SequenceClassifier, FeatureExtractor, TextGenerator and CausalLmScorer.',
  arguments: [
    {
      name: 'INPUT',
      description: 'text files, one input per line; stdin when none or "-"',
      variadic: true,
    },
  ],
  options: {
    model: {
      type: 'path',
      short: 'm',
      valueName: 'FILE',
      required: true,
      description: 'ONNX model',
    },
    tokenizer: tokenizerOption('tokenizer.json of the model'),
    task: {
      type: 'string',
      choices: PREDICT_TASKS,
      required: true,
      description: 'what to compute',
    },
    batchSize: {
      type: 'integer',
      min: 1,
      max: 65_536,
      default: 32,
      description: 'sequences per model run',
    },
    device: {
      type: 'string',
      choices: ['cpu', 'cuda', 'auto'],
      default: 'cpu',
      description: 'execution provider (auto: CUDA when it loads, else CPU)',
    },
    threads: {
      type: 'integer',
      min: 0,
      max: 1024,
      description: 'onnxruntime intra-op threads (0: one per core)',
    },
    truncation: {
      type: 'boolean',
      description: 'classify/features: cut texts longer than the model',
    },
    maxLength: {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      description: 'classify/features: length limit (default: positions)',
    },
    pair: { type: 'boolean', description: 'classify: lines are "first<TAB>second"' },
    labels: {
      type: 'string',
      valueName: 'A,B,…',
      description: 'classify: label names (default: id2label)',
    },
    multiLabel: { type: 'boolean', description: 'classify: sigmoid per label' },
    pooling: {
      type: 'string',
      choices: ['mean', 'cls', 'max'],
      default: 'mean',
      description: 'features: pooling over the attention mask',
    },
    normalize: { type: 'boolean', description: 'features: L2-normalise the vectors' },
    maxNewTokens: {
      type: 'integer',
      min: 0,
      max: MAX_NEW_TOKENS,
      default: 20,
      description: 'generate: tokens to add',
    },
    doSample: { type: 'boolean', description: 'generate: sample instead of greedy' },
    temperature: {
      type: 'number',
      min: 0.01,
      max: 100,
      description: 'generate: softmax temperature',
    },
    topK: {
      type: 'integer',
      min: 0,
      max: 1_000_000,
      description: 'generate: keep the k most likely tokens',
    },
    topP: { type: 'number', min: 0, max: 1, description: 'generate: nucleus probability mass' },
    repetitionPenalty: {
      type: 'number',
      min: 0.01,
      max: 100,
      description: 'generate: CTRL repetition penalty',
    },
    seed: {
      type: 'integer',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      description: 'generate: sampling seed',
    },
    stop: {
      type: 'string',
      multiple: true,
      valueName: 'TEXT',
      description: 'generate: stop string',
    },
    bosToken: {
      type: 'string',
      valueName: 'TOKEN',
      description: 'score: prepend this token so the first word is scored too',
    },
    specialTokens: {
      type: 'boolean',
      default: true,
      description:
        "add the tokenizer's special tokens ([CLS], </s>, …); --no-special-tokens for a GPT-2 from nlpft pretrain",
    },
    ...OUTPUT_OPTIONS,
  },
  config: true,
  examples: [
    'nlpft predict --model sst2/model.onnx --tokenizer sst2/tokenizer.json --task classify reviews.txt',
    'nlpft predict -m bert/model.onnx -t bert/tokenizer.json --task features --pooling cls --normalize texts.txt',
    'echo "Once upon a time" | nlpft predict -m gpt2/model.onnx -t gpt2/tokenizer.json --task generate --max-new-tokens 30',
    'nlpft predict --config predict.yaml --task score held-out.txt > scores.jsonl',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft predict';
    if (!existsSync(options.model)) {
      throw new CliError('FILE_NOT_FOUND', `${prog}: --model: no file at ${options.model}`);
    }
    const tokenizer = await loadTokenizer(options.tokenizer, io, `${prog}: --tokenizer`);
    const lines = await readInputLines(positionals, io, `${prog}: input`);
    const model = await createSession(options.model, {
      executionProviders: PROVIDERS[options.device],
      ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
      log: (message) => void io.stderr.write(`${message}\n`),
    });
    try {
      // A GPT-2 from `nlpft pretrain` learned from raw token blocks: [CLS]/[SEP] around a prompt are unseen.
      const encoder = options.specialTokens ? tokenizer : withoutSpecialTokens(tokenizer);
      const runChunk = createTaskRunner(options.task, model, encoder, options);
      const chunk = options.task === 'generate' ? 1 : options.batchSize * CHUNK_BATCHES;
      const progress = commandProgress(io, lines.length, options.task, options.quiet);
      await withOutput(options.output, io, `${prog}: --output`, async (out) => {
        for (let start = 0; start < lines.length; start += chunk) {
          const batch = lines.slice(start, start + chunk);
          let records: object[];
          try {
            records = await runChunk(batch, start);
          } catch (error) {
            // The task numbers inputs within the chunk; say where the chunk starts in the input.
            if (error instanceof Error && start > 0) {
              error.message += ` (inputs numbered from input line ${start + 1})`;
            }
            throw error;
          }
          out.write(records.map((r) => JSON.stringify(r) + '\n').join(''));
          progress.tick(batch.length);
        }
      });
      progress.done();
    } finally {
      await model.dispose();
    }
  },
});
