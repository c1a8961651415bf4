import { parse as parseYaml } from 'yaml';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseSuite,
  runSuite,
  suiteResultHtml,
  suiteResultJson,
  suiteResultTable,
} from '@nlpft/behavior';
import type { PredictFn } from '@nlpft/behavior';
import { SequenceClassifier, createSession } from '@nlpft/inference';
import { Tokenizer } from '@nlpft/tokenizers';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { withOutput } from '../cli/output-sink';
import { readText } from '../cli/read-input';

const PROG = 'nlpft check';

/** `nlpft check`: run a behavioural suite file against a classifier folder and print the failure-rate table. */
export const checkCommand = defineCommand({
  name: 'check',
  summary:
    'run a behavioural test suite (MFT / INV / DIR) against a classifier folder → failure rates',
  usage: '--model DIR [options] SUITE.json|SUITE.yaml',
  description:
    'The suite file is JSON (or YAML for .yaml/.yml): {"name", "tests": [{"kind": "mft", "name", "examples": [{"text", "label"}]},\n' +
    '{"kind": "inv", "name", "texts", "perturbation", "samples"?}, {"kind": "dir", "name", "texts", "perturbation",\n' +
    '"expectation": {"type": "increase|decrease|not-decrease|not-increase|label-is", "label", "margin"?}}]}; labels\n' +
    'are class indices, perturbations are @nlpft/behavior names (typoSwap, changeCase, negate, homoglyphs, …).\n' +
    'The model is a Hugging Face classifier folder (config.json, tokenizer.json, onnx/model.onnx), such as\n' +
    'nlpft finetune --model … --output writes. Seeded: the same seed draws the same perturbations.',
  arguments: [{ name: 'SUITE', description: 'the suite file (JSON, or YAML for .yaml/.yml)' }],
  options: {
    model: {
      type: 'path',
      short: 'm',
      valueName: 'DIR',
      required: true,
      description: 'classifier folder',
    },
    seed: {
      type: 'integer',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      default: 0,
      description: 'perturbation seed',
    },
    batchSize: {
      type: 'integer',
      min: 1,
      max: 65_536,
      default: 32,
      description: 'texts per model run',
    },
    html: {
      type: 'path',
      valueName: 'FILE',
      description: 'also write the HTML section (table and chart)',
    },
    json: { type: 'boolean', description: 'print the result as JSON instead of the table' },
  },
  examples: [
    'nlpft check --model bert-sst2 suite.json',
    'nlpft check -m bert-sst2 --seed 3 --html behaviour.html suite.json',
  ],
  async run({ options, positionals }, io) {
    const path = positionals[0];
    if (path === undefined) throw new CliError('MISSING_ARGUMENT', `${PROG}: give the suite file`);
    const suite = parseSuite(parseDataFile(await readText(path, io, `${PROG}: suite`), path), path);
    const dir = options.model;
    const file = ['onnx/model.onnx', 'model.onnx']
      .map((f) => join(dir, f))
      .find((f) => existsSync(f));
    if (file === undefined || !existsSync(join(dir, 'tokenizer.json')))
      throw new CliError(
        'FILE_NOT_FOUND',
        `${PROG}: --model: ${dir} is not a classifier folder (it needs tokenizer.json and onnx/model.onnx or model.onnx)`,
      );
    const tokenizer = Tokenizer.fromJSON(
      parseDataFile(
        await readText(join(dir, 'tokenizer.json'), io, `${PROG}: --model`),
        join(dir, 'tokenizer.json'),
      ),
    );
    const session = await createSession(file);
    try {
      const classifier = new SequenceClassifier(session, tokenizer, { truncation: true });
      const predict: PredictFn = async (texts) =>
        (await classifier.classify(texts, { batchSize: options.batchSize })).map((c) => ({
          label: c.index,
          probs: Array.from(c.probabilities),
        }));
      const result = await runSuite(suite, predict, {
        seed: options.seed,
        batchSize: options.batchSize,
      });
      if (options.html !== undefined)
        await withOutput(
          options.html,
          io,
          `${PROG}: --html`,
          (sink) => void sink.write(suiteResultHtml(result)),
        );
      io.stdout.write(
        options.json
          ? suiteResultJson(result)
          : `${suiteResultTable(result, { style: 'plain' })}\n`,
      );
    } finally {
      await session.dispose();
    }
  },
});

/** A file's data: YAML for `.yaml` / `.yml` (suite files may be either), JSON otherwise. */
function parseDataFile(text: string, path: string): unknown {
  const yaml = /\.ya?ml$/i.test(path);
  try {
    return yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (cause) {
    throw new CliError(
      'INVALID_INPUT',
      `${PROG}: ${path}: not ${yaml ? 'YAML' : 'JSON'}: ${(cause as Error).message}`,
      { cause },
    );
  }
}
