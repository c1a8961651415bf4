import { existsSync, statSync } from 'node:fs';
import { fromPretrained } from '@nlpft/training';
import type { PretrainedModel } from '@nlpft/training';
import { CliError } from '../cli/errors';

/**
 * Opens the Hugging Face folder of `--model` with fromPretrained. `hint` ends the message for a file given instead.
 * @throws {CliError} `FILE_NOT_FOUND` for no such path; `INVALID_OPTION` for a file.
 */
export function openModelFolder(dir: string, prog: string, hint = ''): PretrainedModel {
  if (!existsSync(dir))
    throw new CliError('FILE_NOT_FOUND', `${prog}: --model: no folder at ${dir}`);
  if (!statSync(dir).isDirectory())
    throw new CliError(
      'INVALID_OPTION',
      `${prog}: --model: ${dir} is a file; --model takes a Hugging Face model folder${hint}`,
    );
  return fromPretrained(dir);
}
