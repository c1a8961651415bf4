import { describe, expect, it } from 'vitest';
import { defineCommand } from './define-command';
import { parseArgv } from './parse-args';
import { mergeOptions, checkPositionals } from './resolve-options';

const command = defineCommand({
  name: 'demo',
  summary: 'a demo',
  usage: '[options] [FILE...]',
  arguments: [{ name: 'FILE', description: 'files', variadic: true }],
  options: {
    input: { type: 'string', short: 'i', description: 'input' },
    model: { type: 'path', description: 'model' },
    out: { type: 'path', default: 'report', description: 'out' },
    batchSize: { type: 'integer', min: 1, default: 32, description: 'batch' },
    rate: { type: 'number', description: 'rate' },
    format: { type: 'string', choices: ['a', 'b'], default: 'a', description: 'format' },
    normalize: { type: 'boolean', description: 'normalize' },
    special: { type: 'boolean', default: true, description: 'special' },
    stop: { type: 'string', multiple: true, description: 'stop' },
    name: { type: 'string', required: true, description: 'name' },
  },
  config: true,
  examples: ['nlpft demo', 'nlpft demo --name x'],
  async run() {},
});

const parse = (argv: string[]) => parseArgv(argv, command, 'nlpft demo', '/work');

describe('parseArgv', () => {
  it('reads --name value, --name=value, short flags and positionals in order', () => {
    const p = parse(['a.txt', '--batch-size', '8', '-i', 'x', '--rate=0.5', 'b.txt']);
    expect(p.values).toEqual({ batchSize: 8, input: 'x', rate: 0.5 });
    expect(p.positionals).toEqual(['a.txt', 'b.txt']);
  });

  it('sets booleans with --flag and clears them with --no-flag', () => {
    expect(parse(['--normalize', '--no-special']).values).toEqual({
      normalize: true,
      special: false,
    });
  });

  it('collects a repeatable option in order', () => {
    expect(parse(['--stop', '.', '--stop', '!']).values['stop']).toEqual(['.', '!']);
  });

  it('makes paths absolute against the working folder', () => {
    expect(parse(['--model', 'm/model.onnx']).values['model']).toBe('/work/m/model.onnx');
    expect(parse(['--config', 'c.yaml']).config).toBe('/work/c.yaml');
  });

  it('treats "-" and negative numbers as values, and everything after -- as positionals', () => {
    const p = parse(['-', '--rate', '-1.5', '--', '--normalize']);
    expect(p.positionals).toEqual(['-', '--normalize']);
    expect(p.values['rate']).toBe(-1.5);
  });

  it('reports --help', () => {
    expect(parse(['-h']).help).toBe(true);
  });

  it('names an unknown option and suggests the closest', () => {
    expect(() => parse(['--batchsize', '3'])).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_OPTION',
        message: 'nlpft demo: unknown option --batchsize (did you mean --batch-size?)',
      }),
    );
    expect(() => parse(['-x'])).toThrow(expect.objectContaining({ code: 'UNKNOWN_OPTION' }));
  });

  it('rejects a value that is missing, of the wrong type or not a choice', () => {
    expect(() => parse(['--input'])).toThrow(expect.objectContaining({ code: 'MISSING_VALUE' }));
    expect(() => parse(['--input', '--normalize'])).toThrow(
      expect.objectContaining({ code: 'MISSING_VALUE' }),
    );
    expect(() => parse(['--batch-size', '2.5'])).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'nlpft demo: --batch-size: expected an integer, got 2.5 (number)',
      }),
    );
    expect(() => parse(['--batch-size', 'abc'])).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('"abc"'),
      }),
    );
    expect(() => parse(['--batch-size', '0'])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('≥ 1') }),
    );
    expect(() => parse(['--format', 'c'])).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('one of a, b'),
      }),
    );
    expect(() => parse(['--normalize=yes'])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('mergeOptions', () => {
  it('takes flags over config over defaults, with false and [] for absent booleans and lists', () => {
    const v = mergeOptions(
      command.options,
      { batchSize: 4, name: 'cfg', rate: 2 },
      { name: 'flag' },
      'p',
      '/work',
    );
    expect(v).toEqual({
      input: undefined,
      model: undefined,
      out: '/work/report',
      batchSize: 4,
      rate: 2,
      format: 'a',
      normalize: false,
      special: true,
      stop: [],
      name: 'flag',
    });
  });

  it('names a required option that nothing set', () => {
    expect(() => mergeOptions(command.options, {}, {}, 'nlpft demo', '/work')).toThrow(
      expect.objectContaining({
        code: 'MISSING_OPTION',
        message: 'nlpft demo: --name is required (name)',
      }),
    );
  });
});

describe('checkPositionals', () => {
  it('names a missing required argument and an extra one', () => {
    const one = {
      ...command,
      arguments: [{ name: 'REF', description: 'references', required: true }],
    };
    expect(() => checkPositionals(one, [], 'p')).toThrow(
      expect.objectContaining({ code: 'MISSING_ARGUMENT', message: 'p: missing REF (references)' }),
    );
    expect(() => checkPositionals(one, ['a', 'b'], 'p')).toThrow(
      expect.objectContaining({
        code: 'TOO_MANY_ARGUMENTS',
        message: expect.stringContaining('"b"'),
      }),
    );
    expect(() => checkPositionals(command, ['a', 'b', 'c'], 'p')).not.toThrow();
  });
});
