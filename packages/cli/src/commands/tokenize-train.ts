import { trainBpe, trainByteLevelBpe, trainUnigram, trainWordPiece } from '@nlpft/tokenizers';
import type {
  NormalizerPreset,
  TrainedTokenizerJson,
  TrainingProgress,
  TrainingTexts,
} from '@nlpft/tokenizers';
import { saveTokenizerJson } from '@nlpft/tokenizers/node';
import { commandProgress } from '../cli/command-progress';
import type { Progress } from '../cli/command-progress';
import { OUTPUT_OPTIONS } from '../cli/common-options';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { checkInputFiles, streamLines } from '../cli/stream-lines';
import type { CliIo } from '../cli/types';

/** The trainers, by `--model`. */
export const TRAINERS = ['wordpiece', 'bpe', 'byte-level-bpe', 'unigram'] as const;
export type TrainerName = (typeof TRAINERS)[number];

interface TrainSettings {
  vocabSize?: number;
  minFrequency?: number;
  specialTokens?: string[];
  normalizer?: NormalizerPreset;
  onProgress?: (p: TrainingProgress) => void;
}

/** Runs one trainer; each keeps its own defaults for what `settings` leaves out. */
export function train(
  model: TrainerName,
  texts: TrainingTexts,
  settings: TrainSettings,
): Promise<TrainedTokenizerJson> {
  switch (model) {
    case 'wordpiece':
      return trainWordPiece(texts, settings);
    case 'bpe':
      return trainBpe(texts, settings);
    case 'byte-level-bpe':
      return trainByteLevelBpe(texts, settings);
    case 'unigram':
      return trainUnigram(texts, settings);
    default: {
      const never: never = model;
      throw new Error(`unknown trainer ${String(never)}`);
    }
  }
}

/** Shows the trainer's phases that have a known size (merges, EM rounds) as successive progress reports. */
function phaseProgress(
  io: CliIo,
  quiet: boolean,
): { onProgress: (p: TrainingProgress) => void; finish(): void } {
  let phase: string | undefined;
  let current: Progress | undefined;
  let done = 0;
  return {
    onProgress(p) {
      if (p.phase === 'read' || p.phase === 'done' || p.total === undefined) return;
      if (p.phase !== phase) {
        current?.done();
        phase = p.phase;
        current = commandProgress(io, p.total, `train ${p.phase}`, quiet);
        done = 0;
      }
      current?.tick(p.done - done);
      done = p.done;
    },
    finish() {
      current?.done();
    },
  };
}

/** `nlpft tokenize train`: train a tokenizer from text files and save its tokenizer.json. */
export const tokenizeTrainCommand = defineCommand({
  name: 'tokenize train',
  summary: 'train a WordPiece, BPE, byte-level BPE or Unigram tokenizer from text files',
  usage: '--model wordpiece|bpe|byte-level-bpe|unigram --output FILE [options] FILE...',
  description:
    "Lines are fed to @nlpft/tokenizers' trainers with their line endings, as Hugging Face's `train(files)` reads\n" +
    'them, so the result equals training there with the same settings. Defaults per model: wordpiece\n' +
    '(vocabulary 30000, min frequency 2, [PAD] [UNK] [CLS] [SEP] [MASK], bert normalizer), bpe (30000, no\n' +
    'special tokens), byte-level-bpe (30000, min frequency 2), unigram (8000, <unk>). The file is written\n' +
    'atomically (temporary file + rename).',
  arguments: [
    {
      name: 'FILE',
      description: 'training text files ("-" for stdin)',
      variadic: true,
      required: true,
    },
  ],
  options: {
    model: {
      type: 'string',
      choices: TRAINERS,
      required: true,
      description: 'tokenizer model to train',
    },
    vocabSize: {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      description: "vocabulary size (default: the model's)",
    },
    minFrequency: {
      type: 'integer',
      min: 0,
      max: 1_000_000_000,
      description: 'least count of a merge (not unigram)',
    },
    specialTokens: {
      type: 'string',
      multiple: true,
      valueName: 'TOKEN',
      description: "special tokens, first in the vocabulary (default: the model's)",
    },
    normalizer: {
      type: 'string',
      choices: ['bert', 'bert-cased', 'lowercase', 'nfc', 'nfkc', 'none'],
      description: "normalizer preset (default: the model's)",
    },
    output: {
      type: 'path',
      short: 'o',
      valueName: 'FILE',
      required: true,
      description: 'where to write tokenizer.json',
    },
    quiet: OUTPUT_OPTIONS.quiet,
  },
  config: true,
  examples: [
    'nlpft tokenize train --model wordpiece --vocab-size 8000 --output tokenizer.json corpus.txt',
    'nlpft tokenize train --model byte-level-bpe --vocab-size 5000 --special-tokens "<|endoftext|>" -o gpt.json a.txt b.txt',
    'nlpft tokenize train --model unigram --vocab-size 2000 -o unigram.json corpus.txt',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft tokenize train';
    if (options.model === 'unigram' && options.minFrequency !== undefined) {
      throw new CliError(
        'INVALID_OPTION',
        `${prog}: --min-frequency does not apply to --model unigram`,
      );
    }
    const files = await checkInputFiles(positionals, io, `${prog}: input`);
    const reading = commandProgress(io, files.bytes ?? 0, 'read bytes', options.quiet);
    const phases = phaseProgress(io, options.quiet);
    const settings: TrainSettings = { onProgress: phases.onProgress };
    if (options.vocabSize !== undefined) settings.vocabSize = options.vocabSize;
    if (options.minFrequency !== undefined) settings.minFrequency = options.minFrequency;
    if (options.specialTokens.length > 0) settings.specialTokens = options.specialTokens;
    if (options.normalizer !== undefined) settings.normalizer = options.normalizer;
    async function* texts(): AsyncGenerator<string, void, undefined> {
      yield* streamLines(files, io, (bytes) => reading.tick(bytes));
      reading.done();
    }
    const json = await train(options.model, texts(), settings);
    phases.finish();
    await saveTokenizerJson(options.output, json);
    io.stderr.write(
      `${prog}: wrote ${options.output} (${options.model}, ${Object.keys(json.model.vocab).length} entries in the model vocabulary)\n`,
    );
  },
});
