import { prepareOutputDir } from '../cli/output-dir';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { readText } from '../cli/read-input';
// Types only: the renderer itself is loaded when the command runs, so other commands start without it.
import type { DemoResults } from '../report/report-types';

/** The top-level fields of `results.json` and the JSON type each must have (optional sections are not required). */
const SHAPE: Readonly<
  Record<Exclude<keyof DemoResults, 'robustness' | 'continuedPretraining'>, 'object' | 'array'>
> = {
  meta: 'object',
  data: 'object',
  pretraining: 'array',
  finetuning: 'array',
  instability: 'array',
  generation: 'object',
  similar: 'object',
  situations: 'array',
  findings: 'array',
};

/**
 * Parses `results.json` and checks its top level has every section of {@link DemoResults} with the right JSON type
 * (the renderer checks the numbers inside).
 * @throws {CliError} `INVALID_INPUT` naming the file and the field.
 */
export function parseResults(text: string, path: string): DemoResults {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new CliError('INVALID_INPUT', `${path}: not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(
      'INVALID_INPUT',
      `${path}: expected an object of demo results at the top level`,
    );
  }
  const record = data as Record<string, unknown>;
  for (const [key, kind] of Object.entries(SHAPE)) {
    const value = record[key];
    const ok =
      kind === 'array'
        ? Array.isArray(value)
        : value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!ok) {
      throw new CliError(
        'INVALID_INPUT',
        `${path}: ${key}: expected ${kind === 'array' ? 'an array' : 'an object'}, got ${value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      );
    }
  }
  return data as DemoResults;
}

/** `nlpft report`: render the demo's results.json as the self-contained HTML report. */
export const reportCommand = defineCommand({
  name: 'report',
  summary: 'render a demo results.json as the self-contained HTML report (index.html)',
  usage: 'RESULTS.json [--out DIR | --stdout]',
  description:
    'Writes DIR/results.json and DIR/index.html (inline CSS and SVG, no scripts), each atomically. The results\n' +
    'are what `pnpm demo` measured (pre-training, fine-tuning runs, seed instability, generation, findings).',
  arguments: [
    { name: 'RESULTS.json', description: 'demo results ("-" for stdin)', required: true },
  ],
  options: {
    out: {
      type: 'path',
      short: 'o',
      valueName: 'DIR',
      default: 'demo-report',
      description: 'folder for index.html and results.json (created if needed)',
    },
    stdout: { type: 'boolean', description: 'print the HTML instead of writing files' },
  },
  examples: [
    'nlpft report demo-report/results.json --out demo-report',
    'nlpft report results.json --stdout > report.html',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft report';
    const path = positionals[0] as string;
    const results = parseResults(await readText(path, io, `${prog}: results`), path);
    if (options.stdout) {
      const { renderReport } = await import('../report/render-report');
      io.stdout.write(renderReport(results));
      return;
    }
    prepareOutputDir(options.out, `${prog}: --out`);
    const { writeReport } = await import('../report/write-report');
    const html = await writeReport(options.out, results);
    io.stderr.write(`${prog}: wrote ${html}\n`);
  },
});
