// Test helpers (not exported) of the `pretrain` and `finetune` command tests: the toy data as files, tiny-model
// flags, and a run that presses Ctrl-C when standard error shows a given text.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { NLPFT_PROGRAM } from '../cli/program';
import { runCli } from '../cli/run-cli';
import type { CliIo } from '../cli/types';
import { TINY, keywordTask, toyCorpus, toyTokenizerJson } from './toy-data.test-helper';
import { builtinCommands } from './builtin-commands';
import { stringStream, tempDir } from './run-nlpft.test-helper';
import type { CliRun } from './run-nlpft.test-helper';

/** The model flags of {@link TINY}. */
export const TINY_FLAGS: readonly string[] = [
  '--hidden',
  String(TINY.hidden),
  '--layers',
  String(TINY.layers),
  '--heads',
  String(TINY.heads),
  '--intermediate',
  String(TINY.intermediate),
  '--block-size',
  String(TINY.blockSize),
  '--dropout',
  String(TINY.dropout),
];

/** Documents of corpus.txt and held.txt. */
export const CORPUS = toyCorpus(300, 1);
export const HELD_OUT = toyCorpus(40, 2);
/** Examples of train.tsv / test.tsv (labels "red" and "other"). */
export const TRAIN_TASK = keywordTask(48, 3);
export const TEST_TASK = keywordTask(32, 4);
export const labelName = (label: number): string => (label === 1 ? 'red' : 'other');

/**
 * A folder with tokenizer.json (the toy WordPiece), corpus.txt and held.txt (one document per line), and
 * train.tsv / test.tsv (`label<TAB>text`).
 */
export async function toyFolder(): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(await toyTokenizerJson()));
  writeFileSync(join(dir, 'corpus.txt'), CORPUS.join('\n') + '\n');
  writeFileSync(join(dir, 'held.txt'), HELD_OUT.join('\n') + '\n');
  const tsv = (items: typeof TRAIN_TASK) =>
    items.map((e) => `${labelName(e.label)}\t${e.text}\n`).join('');
  writeFileSync(join(dir, 'train.tsv'), tsv(TRAIN_TASK));
  writeFileSync(join(dir, 'test.tsv'), tsv(TEST_TASK));
  return dir;
}

/**
 * Runs `nlpft ...argv` in-process and sends the process a SIGINT (as Ctrl-C does) the first time standard error
 * matches `when`; only the command's own listener hears it.
 */
export async function runWithCtrlC(
  argv: readonly string[],
  cwd: string,
  when: RegExp,
): Promise<CliRun> {
  const stdout = stringStream();
  const stderr = stringStream();
  let pressed = false;
  const io: CliIo = {
    stdout,
    stderr: {
      isTTY: false,
      write(s: string) {
        stderr.write(s);
        if (!pressed && when.test(stderr.text)) {
          pressed = true;
          process.emit('SIGINT', 'SIGINT');
        }
        return true;
      },
    },
    stdin: Readable.from([]),
    cwd,
    env: {},
  };
  const code = await runCli(argv, io, { commands: builtinCommands, program: NLPFT_PROGRAM });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
