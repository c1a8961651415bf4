#!/usr/bin/env node
import { nodeIo } from './cli/node-io';
import { NLPFT_PROGRAM } from './cli/program';
import { runCli } from './cli/run-cli';
import { builtinCommands } from './commands/builtin-commands';

// No top-level await: the CommonJS build of this entry must load too.
void runCli(process.argv.slice(2), nodeIo(), {
  commands: builtinCommands,
  program: NLPFT_PROGRAM,
}).then((code) => {
  process.exitCode = code;
});
