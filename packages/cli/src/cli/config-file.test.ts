import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configValues, loadConfig, readConfigFile } from './config-file';
import type { OptionSpecs } from './types';

const specs = {
  model: { type: 'path', description: 'model' },
  batchSize: { type: 'integer', min: 1, description: 'batch' },
  normalize: { type: 'boolean', description: 'normalize' },
  pooling: { type: 'string', choices: ['mean', 'cls'], description: 'pooling' },
  stop: { type: 'string', multiple: true, description: 'stop' },
} as const satisfies OptionSpecs;

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nlpft-config-')), name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('reads YAML with kebab-case keys and JSON with camelCase keys to the same values', async () => {
    const yaml = file(
      'c.yaml',
      'batch-size: 8\nnormalize: true\npooling: cls\nstop:\n  - "."\n  - "!"\n',
    );
    const json = file(
      'c.json',
      '{"batchSize": 8, "normalize": true, "pooling": "cls", "stop": [".", "!"]}',
    );
    const expected = { batchSize: 8, normalize: true, pooling: 'cls', stop: ['.', '!'] };
    expect(await loadConfig(yaml, specs)).toEqual(expected);
    expect(await loadConfig(json, specs)).toEqual(expected);
  });

  it("resolves relative paths against the config file's folder", async () => {
    const path = file('c.yml', 'model: models/m.onnx\n');
    expect((await loadConfig(path, specs))['model']).toBe(join(path, '..', 'models', 'm.onnx'));
  });

  it('takes a single value for a repeatable option as a list of one', () => {
    expect(configValues({ stop: '.' }, specs, 'c.json')).toEqual({ stop: ['.'] });
  });

  it('names an unknown key, the closest known key and the known keys', () => {
    expect(() => configValues({ 'batch-sise': 2 }, specs, 'c.yaml')).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_CONFIG_KEY',
        message:
          'config file c.yaml: unknown key "batch-sise" (did you mean batch-size?); known keys: model, batch-size, normalize, pooling, stop',
      }),
    );
  });

  it('names the key of a value of the wrong type', () => {
    expect(() => configValues({ batchSize: '8' }, specs, 'c.yaml')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'config file c.yaml: batchSize: expected a number, got "8"',
      }),
    );
    expect(() => configValues({ normalize: 1 }, specs, 'c.yaml')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => configValues({ stop: ['.', 3] }, specs, 'c.yaml')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('stop[1]'),
      }),
    );
    expect(() => configValues({ pooling: { a: 1 } }, specs, 'c.yaml')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('got object'),
      }),
    );
  });

  it('rejects a missing file, bad syntax and a top level that is not a mapping', async () => {
    await expect(readConfigFile('/nonexistent/c.yaml')).rejects.toThrow(
      expect.objectContaining({
        code: 'FILE_NOT_FOUND',
        message: expect.stringContaining('/nonexistent/c.yaml'),
      }),
    );
    await expect(readConfigFile(file('bad.json', '{"a": '))).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('not valid JSON'),
      }),
    );
    await expect(readConfigFile(file('bad.yaml', 'a: [1, 2\n'))).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('not valid YAML'),
      }),
    );
    await expect(readConfigFile(file('list.yaml', '- 1\n- 2\n'))).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('got a list'),
      }),
    );
  });
});
