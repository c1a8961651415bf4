import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsError } from '@nlpft/metrics';
import { describe, expect, it } from 'vitest';
import { builtinCommands } from '../commands/builtin-commands';
import { runNlpft } from '../commands/run-nlpft.test-helper';
import { defineCommand } from './define-command';
import { CliError } from './errors';
import { runCli } from './run-cli';
import type { AnyCommand, CliIo } from './types';
import packageJson from '../../package.json';

const echo = defineCommand({
  name: 'echo',
  summary: 'print the options',
  usage: '[options]',
  options: {
    batchSize: { type: 'integer', default: 32, description: 'batch' },
    pooling: { type: 'string', choices: ['mean', 'cls'], default: 'mean', description: 'pooling' },
    fail: { type: 'string', choices: ['metrics', 'cli', 'bug'], description: 'throw this' },
  },
  config: true,
  examples: ['nlpft echo', 'nlpft echo --batch-size 2'],
  async run({ options }, io) {
    await Promise.resolve();
    if (options.fail === 'metrics')
      throw new MetricsError('LENGTH_MISMATCH', 'f1Score: yTrue has 3 labels but yPred has 2');
    if (options.fail === 'cli') throw new CliError('FILE_NOT_FOUND', 'no file at /x');
    if (options.fail === 'bug') throw new TypeError('boom');
    io.stdout.write(JSON.stringify(options));
  },
});

async function run(argv: string[], commands: readonly AnyCommand[] = [echo]) {
  const out = { text: '', write: (s: string) => (out.text += s) };
  const err = { text: '', write: (s: string) => (err.text += s) };
  const io: CliIo = { stdout: out, stderr: err, cwd: '/', env: {} };
  const code = await runCli(argv, io, {
    commands,
    program: { name: 'nlpft', version: '9.9.9', summary: 's' },
  });
  return { code, stdout: out.text, stderr: err.text };
}

describe('runCli', () => {
  it('prints the version from package.json', async () => {
    const r = await runNlpft(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('lists every command in the root help, and prints it to stderr with exit 2 when no command is given', async () => {
    const r = await runNlpft(['--help']);
    expect(r.code).toBe(0);
    for (const c of builtinCommands) expect(r.stdout).toContain(`  ${c.name} `);
    const none = await runNlpft([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(r.stdout);
  });

  it.each(builtinCommands.map((c) => [c.name, c] as const))(
    '%s --help prints usage, every option and at least two examples',
    async (name, command) => {
      const r = await runNlpft([...name.split(' '), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: nlpft ${name} `);
      for (const key of Object.keys(command.options)) {
        const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        expect(r.stdout).toMatch(new RegExp(`--(\\[no-\\])?${flag}\\b`));
      }
      expect(command.examples.length).toBeGreaterThanOrEqual(2);
      const examples = r.stdout.slice(r.stdout.indexOf('Examples:'));
      for (const e of command.examples) expect(examples).toContain(e);
    },
  );

  it('lists a group with `nlpft eval --help`, and asks which one without a subcommand (exit 2)', async () => {
    const r = await runNlpft(['eval', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  eval bleu ');
    expect(r.stdout).toContain('  eval perplexity ');
    const none = await runNlpft(['eval']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'error[MISSING_ARGUMENT]: nlpft eval: which one? eval bleu, eval chrf',
    );
  });

  it('names an unknown command, suggests the closest and exits with 2', async () => {
    const r = await runNlpft(['evl', 'bleu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error[UNKNOWN_COMMAND]: nlpft: unknown command "evl" (did you mean eval?)',
    );
    const sub = await runNlpft(['eval', 'blue']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('unknown command "eval blue" (did you mean eval bleu?)');
    expect(sub.stderr).toContain("Run 'nlpft eval --help' for usage.");
  });

  it('names an unknown option and exits with 2, pointing at the command help', async () => {
    const r = await runNlpft(['eval', 'bleu', 'ref.txt', '--smooth', 'exp']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error[UNKNOWN_OPTION]: nlpft eval bleu: unknown option --smooth (did you mean --smooth-method?)\n' +
        "Run 'nlpft eval bleu --help' for usage.\n",
    });
  });

  it('merges --config under the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-run-'));
    writeFileSync(join(dir, 'c.yaml'), 'batch-size: 8\npooling: cls\n');
    const r = await run(['echo', '--config', join(dir, 'c.yaml'), '--batch-size', '4']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ batchSize: 4, pooling: 'cls' });
  });

  it('exits with 2 naming the key of a config file with an unknown key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-run-'));
    writeFileSync(join(dir, 'c.json'), '{"batchsize": 8}');
    const r = await run(['echo', '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error[UNKNOWN_CONFIG_KEY]: nlpft echo: config file ${join(dir, 'c.json')}: unknown key "batchsize" (did you mean batch-size?)`,
    );
  });

  it('prints a package error with its class and code and exits with 1', async () => {
    const r = await run(['echo', '--fail', 'metrics']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error[MetricsError LENGTH_MISMATCH]: nlpft echo: f1Score: yTrue has 3 labels but yPred has 2\n',
    });
  });

  it('exits with 1 for a CliError that is not about usage, and for an unexpected error', async () => {
    expect(await run(['echo', '--fail', 'cli'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error[FILE_NOT_FOUND]: nlpft echo: no file at /x\n',
    });
    const bug = await run(['echo', '--fail', 'bug']);
    expect(bug.code).toBe(1);
    expect(bug.stderr).toMatch(/^error: nlpft echo: unexpected failure: TypeError: boom/);
  });
});
