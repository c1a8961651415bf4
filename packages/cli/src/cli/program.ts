import type { ProgramInfo } from './help';
import { VERSION } from './version';

/** `nlpft`'s name, version and purpose, for `--help` and `--version`. */
export const NLPFT_PROGRAM: ProgramInfo = {
  name: 'nlpft',
  version: VERSION,
  summary: 'tokenize, predict, evaluate and report from the command line',
};
