import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { withOutput } from '../cli/output-sink';
import { readText } from '../cli/read-input';
import type { CliIo } from '../cli/types';
import type { RatingsDb } from '../review/ratings-db';
import { raterNameProblem } from '../review/rater-name';
import type { ReviewItems } from '../review/review-types';

const PROG = 'nlpft review';

/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM; a second one ends the process as usual. */
function untilStopped(onStop: (signal: NodeJS.Signals) => void): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      onStop(signal);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `nlpft review`: rate generations blind in the browser, or report SSA and agreement from the ratings. */
export const reviewCommand = defineCommand({
  name: 'review',
  summary:
    'rate generations blind in the browser (sensible, specific), or --report SSA per system and kappa',
  usage:
    '--db FILE [--port N] [--rater NAME] ITEMS.jsonl | --report --db FILE [options] ITEMS.jsonl',
  description:
    'ITEMS.jsonl has one {"id"?, "system", "prompt", "output"} per line (several systems per prompt). Without\n' +
    '--report it serves a keyboard-driven page on 127.0.0.1 only (printing its URL): each rater gives a name and\n' +
    'sees the outputs without their system, in an order seeded by the name, and marks each sensible or not and\n' +
    'specific or not (an output that is not sensible is not specific; Adiwardana et al. 2020), with an optional\n' +
    'comment. Every rating is its own SQLite transaction in --db, so a killed server loses nothing submitted, and\n' +
    "a restart continues where each rater was; re-rating replaces. The db records the items file's SHA-256 and\n" +
    'refuses another file. --report prints sensibleness, specificity and SSA per system (strict majority of raters\n' +
    "per item) with bootstrap intervals over items, and Cohen's (two raters) and Fleiss' kappa over the items\n" +
    'every rater rated.',
  arguments: [{ name: 'ITEMS.jsonl', description: 'the generations to rate', required: true }],
  options: {
    db: {
      type: 'path',
      valueName: 'FILE',
      required: true,
      description: 'SQLite file of the ratings (made when rating starts)',
    },
    port: {
      type: 'integer',
      min: 0,
      max: 65_535,
      default: 8765,
      description: 'port on 127.0.0.1 (0: any free port)',
    },
    rater: {
      type: 'string',
      valueName: 'NAME',
      description:
        "print a URL that opens this rater's page (others give their name on the first screen)",
    },
    report: {
      type: 'boolean',
      description: 'print SSA per system and agreement instead of serving',
    },
    json: { type: 'boolean', description: 'with --report: print the report as JSON' },
    html: {
      type: 'path',
      valueName: 'FILE',
      description: 'with --report: also write the report as a self-contained HTML page',
    },
    bootstrap: {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      default: 1000,
      valueName: 'N',
      description: 'with --report: bootstrap resamples of the items',
    },
    confidence: {
      type: 'number',
      min: 0.5,
      max: 0.999,
      default: 0.95,
      description: 'with --report: coverage of the intervals',
    },
    seed: {
      type: 'integer',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      default: 12345,
      description: 'with --report: resampling seed',
    },
  },
  examples: [
    'nlpft review generations.jsonl --db ratings.sqlite',
    'nlpft review generations.jsonl --db ratings.sqlite --port 0 --rater ann',
    'nlpft review --report --db ratings.sqlite generations.jsonl',
    'nlpft review --report --db ratings.sqlite generations.jsonl --json --html review.html --bootstrap 2000 --seed 7',
  ],
  async run({ options, positionals }, io) {
    const path = positionals[0] as string;
    const { parseReviewItems } = await import('../review/review-items');
    const { openRatingsDb } = await import('../review/ratings-db');
    if (options.report) {
      if (options.rater !== undefined)
        throw new CliError(
          'INVALID_OPTION',
          `${PROG}: --rater: only for rating; --report reads every rater`,
        );
      const items = parseReviewItems(await readText(path, io, `${PROG}: items`), path);
      const db = await openRatingsDb(options.db, items, {
        create: false,
        where: `${PROG} --report`,
      });
      const { reviewReport } = await import('../review/review-report');
      let report;
      try {
        report = reviewReport(items, db.all(), {
          samples: options.bootstrap,
          seed: options.seed,
          confidence: options.confidence,
        });
      } finally {
        db.close();
      }
      if (options.html !== undefined) {
        const { reviewReportHtml } = await import('../review/review-report-html');
        const html = reviewReportHtml(report);
        await withOutput(options.html, io, `${PROG}: --html`, (sink) => void sink.write(html));
      }
      if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const { reviewReportText } = await import('../review/review-report-text');
        io.stdout.write(reviewReportText(report));
      }
      return;
    }
    for (const flag of ['json', 'html'] as const) {
      if (options[flag] !== undefined && options[flag] !== false)
        throw new CliError('INVALID_OPTION', `${PROG}: --${flag}: only with --report`);
    }
    if (options.rater !== undefined) {
      const problem = raterNameProblem(options.rater);
      if (problem !== null)
        throw new CliError(
          'INVALID_OPTION',
          `${PROG}: --rater ${JSON.stringify(options.rater)} ${problem}`,
        );
    }
    const items = parseReviewItems(await readText(path, io, `${PROG}: items`), path);
    const db = await openRatingsDb(options.db, items, { where: PROG });
    try {
      await serve(io, path, options.port, options.rater, items, db);
    } finally {
      db.close();
    }
  },
});

async function serve(
  io: CliIo,
  path: string,
  port: number,
  rater: string | undefined,
  items: ReviewItems,
  db: RatingsDb,
): Promise<void> {
  const { startReviewServer } = await import('../review/review-server');
  const server = await startReviewServer({
    items,
    db,
    port,
    onError: (error) =>
      void io.stderr.write(
        `${PROG}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      ),
  });
  const systems = new Set(items.items.map((i) => i.system)).size;
  const url = rater === undefined ? server.url : `${server.url}?rater=${encodeURIComponent(rater)}`;
  io.stdout.write(
    `${PROG}: ${items.items.length} items from ${systems} systems (${path}), shown blind; ` +
      `${db.all().length} ratings so far in ${db.path}\n` +
      `open ${url}\n` +
      'each rating is saved when it is submitted; Ctrl-C stops the server\n',
  );
  await untilStopped((signal) => void io.stderr.write(`${PROG}: ${signal}, stopping\n`));
  await server.close();
  io.stdout.write(`${PROG}: stopped; ${db.all().length} ratings in ${db.path}\n`);
}
