import {
  asRecord,
  checkFunction,
  checkObject,
  checkString,
  describeValue,
  isList,
} from './argument-checks';
import { createRng } from './create-rng';
import { deriveSeed } from './derive-seed';
import { BehaviorError } from './errors';
import { meetsExpectation } from './meets-expectation';
import { predictAll } from './predict-all';
import { dir, inv, mft } from './test-builders';
import type {
  BehaviorSuite,
  BehaviorTest,
  FailureExample,
  PredictFn,
  Prediction,
  RunSuiteOptions,
  SuiteResult,
  TestResult,
} from './types';

/** One case to score: an MFT example, or a text with its applicable perturbed variants. */
interface Case {
  original: string;
  expectedLabel?: number;
  variants: string[];
}

function checkOptions(options: RunSuiteOptions): Required<RunSuiteOptions> {
  checkObject('runSuite: options', options);
  const { seed = 0, batchSize = 32, maxExamples = 3 } = options;
  const fail = (what: string): never => {
    throw new BehaviorError('INVALID_OPTION', `runSuite: ${what}`);
  };
  if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    fail(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (!Number.isInteger(maxExamples) || maxExamples < 0) {
    fail(`maxExamples must be a non-negative integer, got ${maxExamples}`);
  }
  return { seed, batchSize, maxExamples };
}

const BUILDERS = { mft, inv, dir } as const;

function checkSuite(suite: BehaviorSuite): void {
  checkObject('runSuite: suite', suite);
  checkString('runSuite: suite.name', suite.name);
  if (!isList(suite.tests)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `runSuite: suite.tests must be an array, got ${describeValue(suite.tests)}`,
    );
  }
  // Tests built by hand (not by mft/inv/dir or parseSuite) get the builders' checks here.
  suite.tests.forEach((test: unknown, i) => {
    const kind = asRecord(`runSuite: suite.tests[${i}]`, test)['kind'];
    if (kind !== 'mft' && kind !== 'inv' && kind !== 'dir') {
      throw new BehaviorError(
        'INVALID_OPTION',
        `runSuite: suite.tests[${i}].kind must be 'mft', 'inv' or 'dir', got ${describeValue(kind)}`,
      );
    }
    BUILDERS[kind](test as never);
  });
  if (suite.tests.length === 0) {
    throw new BehaviorError(
      'EMPTY_SUITE',
      `runSuite: suite ${JSON.stringify(suite.name)} has no tests`,
    );
  }
  const seen = new Set<string>();
  for (const test of suite.tests) {
    if (seen.has(test.name)) {
      throw new BehaviorError(
        'DUPLICATE_TEST_NAME',
        `runSuite: two tests are named ${JSON.stringify(test.name)}; names key the seeds and the report, so make them unique`,
      );
    }
    seen.add(test.name);
  }
}

// Each variant draws from its own stream (suite seed, test name, text index, sample index), so a text's
// perturbations do not change when tests are added, reordered or batched differently. A perturbation that
// returns the text unchanged did not apply.
function buildCases(test: BehaviorTest, seed: number): Case[] {
  if (test.kind === 'mft') {
    return test.examples.map((e) => ({ original: e.text, expectedLabel: e.label, variants: [] }));
  }
  const samples = test.samples ?? 1;
  return test.texts.map((original, i) => {
    const variants: string[] = [];
    for (let s = 0; s < samples; s++) {
      const perturbed = test.perturbation(original, createRng(deriveSeed(seed, test.name, i, s)));
      if (perturbed !== null && perturbed !== original) variants.push(perturbed);
    }
    return { original, variants };
  });
}

function scoreTest(
  test: BehaviorTest,
  cases: readonly Case[],
  predicted: ReadonlyMap<string, Prediction>,
  maxExamples: number,
): TestResult {
  const examples: FailureExample[] = [];
  let n = 0;
  let failures = 0;
  for (const c of cases) {
    const originalPrediction = predicted.get(c.original)!;
    let failure: FailureExample | undefined;
    if (test.kind === 'mft') {
      if (originalPrediction.label !== c.expectedLabel) {
        failure = { original: c.original, originalPrediction, expectedLabel: c.expectedLabel! };
      }
    } else {
      if (c.variants.length === 0) continue;
      for (const perturbed of c.variants) {
        const perturbedPrediction = predicted.get(perturbed)!;
        const passes =
          test.kind === 'inv'
            ? perturbedPrediction.label === originalPrediction.label
            : meetsExpectation(
                test.name,
                test.expectation,
                originalPrediction,
                perturbedPrediction,
              );
        if (!passes) {
          failure = { original: c.original, originalPrediction, perturbed, perturbedPrediction };
          break;
        }
      }
    }
    n++;
    if (failure) {
      failures++;
      if (examples.length < maxExamples) examples.push(failure);
    }
  }
  return {
    name: test.name,
    kind: test.kind,
    ...(test.capability === undefined ? {} : { capability: test.capability }),
    n,
    skipped: cases.length - n,
    failures,
    failureRate: n === 0 ? null : failures / n,
    examples,
  };
}

/**
 * Runs every test of `suite` against `predict` and reports, per test, how many cases failed and a few failing
 * examples (CheckList's test summary). All texts of the suite, originals and perturbed, go to `predict` in
 * batches of `batchSize`, each distinct text once.
 * @throws {BehaviorError} `EMPTY_SUITE`, `DUPLICATE_TEST_NAME`, `INVALID_OPTION` for bad options;
 * `PREDICT_FAILED` (with `cause`) when `predict` throws; `PREDICTION_COUNT_MISMATCH` when it returns another
 * number of predictions than texts; `INVALID_PREDICTION` for a non-integer label or a NaN/infinite probability;
 * `MISSING_PROBABILITIES` when a probability expectation meets predictions without `probs`.
 * @example
 * const result = await runSuite({ name: 'sentiment', tests: [inv({ name: 'typos', texts, perturbation: typoSwap })] },
 *   (texts) => texts.map((t) => ({ label: /good/.test(t) ? 1 : 0 })), { seed: 1 });
 * result.tests[0].failureRate; // share of texts whose label changed
 * @see https://aclanthology.org/2020.acl-main.442/ (Ribeiro et al. 2020, CheckList)
 */
export async function runSuite(
  suite: BehaviorSuite,
  predict: PredictFn,
  options: RunSuiteOptions = {},
): Promise<SuiteResult> {
  const { seed, batchSize, maxExamples } = checkOptions(options);
  checkSuite(suite);
  checkFunction('runSuite: predict', predict);
  const cases = suite.tests.map((test) => buildCases(test, seed));
  // Originals whose perturbation never applied are not scored, so they are not predicted either.
  const texts = cases
    .flat()
    .flatMap((c) =>
      c.expectedLabel === undefined && c.variants.length === 0 ? [] : [c.original, ...c.variants],
    );
  const predicted = await predictAll(texts, predict, batchSize);
  return {
    name: suite.name,
    seed,
    tests: suite.tests.map((test, t) => scoreTest(test, cases[t]!, predicted, maxExamples)),
  };
}
