import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './pretrained/hf-fixtures.test-helper';

const PACKAGE = join(import.meta.dirname, '..');

/** The first code block under the README's "Fine-tune your Hugging Face model". */
function readmeExample(): string {
  const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Fine-tune your Hugging Face model'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match === null)
    throw new Error('README: no ts block under "Fine-tune your Hugging Face model"');
  return match[1]!;
}

describe('README', () => {
  it('the five-line example fine-tunes a fixture export and writes a model folder', () => {
    const code = readmeExample();
    expect(
      code
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== ''),
    ).toHaveLength(4); // import + three lines
    const out = join(mkdtempSync(join(tmpdir(), 'nlpft-readme-')), 'bert-lora');
    // Only the two paths change: the model is a committed fixture export, the output a temporary folder.
    const runnable = code
      .replace("'models/bert-base-uncased'", JSON.stringify(loadFixture('bert-opset14').dir))
      .replace("output: 'bert-lora'", `output: ${JSON.stringify(out)}`);
    expect(runnable).not.toBe(code);
    // Run as a user would: an ES module importing the built package by name (Node resolves the package itself).
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', runnable], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    const [accuracy, ...labels] = stdout.trim().split(/\s+/);
    expect(Number(accuracy)).toBeGreaterThanOrEqual(0);
    expect(Number(accuracy)).toBeLessThanOrEqual(1);
    // The fixture config names three classes; the example's labels 0/1 make a two-class head of HF's default names.
    expect(labels.join(' ')).toContain('LABEL_0');
    expect(existsSync(join(out, 'onnx', 'model.onnx'))).toBe(true);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config['id2label']).toEqual({ '0': 'LABEL_0', '1': 'LABEL_1' });
  });
});
