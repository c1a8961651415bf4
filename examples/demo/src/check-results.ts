import { readFileSync } from 'node:fs';
import type { DemoResults } from '@nlpft/cli';
import { mean } from './findings';

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
  const sections = [
    'findings',
    'summary',
    'pretraining',
    'finetuning',
    'instability',
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
 * The lecture's transfer claim on the smallest training set: mean accuracy of pre-trained init over every strategy
 * and seed against random init, with the numbers, whichever way it goes.
 */
export function transferOnSmallSet(results: DemoResults): { holds: boolean; message: string } {
  const small = Math.min(...results.data.spamTrainSizes);
  const acc = (init: string) =>
    mean(
      results.finetuning
        .filter((r) => r.trainSize === small && r.init === init)
        .map((r) => r.accuracy),
    );
  const pre = acc('pretrained');
  const rnd = acc('random');
  const holds = pre > rnd;
  const numbers = `mean accuracy ${pre.toFixed(3)} (pre-trained) vs ${rnd.toFixed(3)} (random) on ${small} training mails`;
  return {
    holds,
    message: holds
      ? `transfer: pre-trained init beats random init: ${numbers}`
      : `TRANSFER NOT SHOWN AT THIS SCALE: pre-trained init does not beat random init: ${numbers}`,
  };
}
