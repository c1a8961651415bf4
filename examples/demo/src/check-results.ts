import { readFileSync } from 'node:fs';
import type { DemoResults } from '@nlpft/cli';

/** A failed demo expectation, with the numbers that failed it. */
export class DemoCheckError extends Error {
  override name = 'DemoCheckError';
}

/**
 * What a shortened run (`--quick` in CI) must produce: a complete results object and a report with every section,
 * its charts and its tables.
 * @throws {DemoCheckError} naming the missing piece.
 */
export function checkReportStructure(results: DemoResults, htmlPath: string): void {
  const fail = (message: string): never => {
    throw new DemoCheckError(`demo check failed: ${message}`);
  };
  if (results.pretraining.length !== 2)
    fail(`${results.pretraining.length} pre-trained models, expected 2`);
  const cells = new Set(results.finetuning.map((r) => `${r.strategy}/${r.init}/${r.trainSize}`));
  const expected = 4 * 2 * results.data.spamTrainSizes.length;
  if (cells.size !== expected)
    fail(`${cells.size} strategy × init × size cells, expected ${expected}`);
  if (results.instability.length !== 2) fail('the instability section needs two recipes');
  if (results.generation.samples.length === 0) fail('no generation samples');
  if (results.findings.length === 0) fail('no findings');
  const html = readFileSync(htmlPath, 'utf8');
  if (results.similar.runs.length === 0) fail('the similar task has no runs');
  if (results.situations.length === 0) fail('no situations');
  if (!results.robustness?.situations.some((s) => s.runs.length > 0))
    fail('no calibration / robustness runs');
  if ((results.continuedPretraining?.runs.length ?? 0) === 0)
    fail('no continued pre-training runs');
  const sections = [
    'findings',
    'summary',
    'similar',
    'situations',
    'pretraining',
    'finetuning',
    'instability',
    'robustness',
    'continued-pretraining',
    'generation',
  ];
  for (const section of sections)
    if (!html.includes(`id="${section}"`)) fail(`the report has no section id="${section}"`);
  const charts = (html.match(/data-chart="/g) ?? []).length;
  const tables = (html.match(/<table\b/g) ?? []).length;
  if (charts < 8) fail(`the report has ${charts} charts, expected at least 8`);
  if (tables < 5) fail(`the report has ${tables} tables, expected at least 5`);
  console.log(`report structure: ${sections.length} sections, ${charts} charts, ${tables} tables`);
}

/**
 * The lecture's transfer claim where it should show: on the similar task's smallest training set, pre-trained init
 * must beat random init, paired by strategy and seed, with p < 0.05 (the finding with id 'transfer' there), with
 * the numbers whichever way it goes.
 */
export function transferOnSimilarSmallSet(results: DemoResults): {
  holds: boolean;
  message: string;
} {
  const finding = results.findings.find(
    (f) =>
      f.id === 'transfer' && f.situation?.similarity === 'similar' && f.situation.size === 'small',
  );
  if (finding === undefined)
    return { holds: false, message: 'TRANSFER NOT MEASURED: no similar-task finding' };
  const holds = finding.holds === true;
  return {
    holds,
    message: holds
      ? `transfer on similar text: ${finding.evidence}`
      : `TRANSFER NOT SHOWN on similar text with little data: ${finding.evidence}`,
  };
}
