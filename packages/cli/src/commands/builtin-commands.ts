import type { AnyCommand } from '../cli/types';
import { checkCommand } from './check';
import { evalBleuCommand } from './eval-bleu';
import { evalChrfCommand } from './eval-chrf';
import { evalClassificationCommand } from './eval-classification';
import { evalPerplexityCommand } from './eval-perplexity';
import { evalRougeCommand } from './eval-rouge';
import { evalTerCommand } from './eval-ter';
import { finetuneCommand } from './finetune';
import { predictCommand } from './predict';
import { pretrainCommand } from './pretrain';
import { reportCommand } from './report';
import { reviewCommand } from './review';
import { tokenizeCommand } from './tokenize';
import { tokenizeTrainCommand } from './tokenize-train';

/** The commands of `nlpft`, in the order `nlpft --help` lists them. */
export const builtinCommands: readonly AnyCommand[] = [
  tokenizeCommand,
  tokenizeTrainCommand,
  pretrainCommand,
  finetuneCommand,
  predictCommand,
  evalBleuCommand,
  evalChrfCommand,
  evalTerCommand,
  evalRougeCommand,
  evalClassificationCommand,
  evalPerplexityCommand,
  checkCommand,
  reviewCommand,
  reportCommand,
];
