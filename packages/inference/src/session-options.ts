// Session options as the caller wrote them (onnxruntime's names, or the deprecated aliases `device`, `intraOpThreads`,
// `interOpThreads`) checked and read one way, here only, and turned into onnxruntime's own `SessionOptions`.
import type { InferenceSession } from 'onnxruntime-node';
import {
  booleanOption,
  integerOption,
  invalidOption,
  oneOfOption,
  optionsObject,
  shown,
} from './argument-checks';
import type { Device, Provider, SessionOptions } from './types';

/** Most threads a session may ask onnxruntime for (per pool); more would exhaust the process's thread limit. */
export const MAX_THREADS = 1024;

/** The `executionProviders` lists a session takes, with what each means as the deprecated `device`. */
const PROVIDER_LISTS: readonly (readonly [Device, readonly Provider[]])[] = [
  ['cpu', ['cpu']],
  ['cuda', ['cuda']],
  ['auto', ['cuda', 'cpu']],
];

/** The `device` meaning of an `executionProviders` list, or `undefined` for a list we do not take. */
function deviceOfProviders(providers: unknown): Device | undefined {
  if (!Array.isArray(providers)) return undefined;
  const found = PROVIDER_LISTS.find(
    ([, list]) => list.length === providers.length && list.every((p, i) => p === providers[i]),
  );
  return found?.[0];
}

/** Where a session runs: `executionProviders`, else the deprecated `device`, else CPU. */
export function sessionDevice(options: SessionOptions): Device {
  return deviceOfProviders(options.executionProviders) ?? options.device ?? 'cpu';
}

/** Threads inside one operator: `intraOpNumThreads`, else the deprecated `intraOpThreads`. */
export function intraOpNumThreads(options: SessionOptions): number | undefined {
  return options.intraOpNumThreads ?? options.intraOpThreads;
}

/** Threads across operators: `interOpNumThreads`, else the deprecated `interOpThreads`. */
export function interOpNumThreads(options: SessionOptions): number | undefined {
  return options.interOpNumThreads ?? options.interOpThreads;
}

/** A name and its deprecated alias both given, with different meanings: which one wins would be a guess. */
function checkAgree(
  task: string,
  name: string,
  value: unknown,
  alias: string,
  aliasValue: unknown,
): void {
  if (value === undefined || aliasValue === undefined || value === aliasValue) return;
  throw invalidOption(
    task,
    alias,
    `left out or equal to ${name} (${shown(value)}), whose deprecated alias it is`,
    aliasValue,
  );
}

/**
 * Checks session options, naming the bad one. `task` names the caller in messages.
 * @throws {InferenceError} `INVALID_OPTION`
 */
export function checkOptions(options: SessionOptions, task = 'createSession'): void {
  optionsObject(options, task);
  // Each name is checked as the caller spelled it, so the message names the option they wrote.
  const { device, deviceId, intraOpThreads, interOpThreads, executionProviders } = options;
  oneOfOption(task, 'device', device, ['cpu', 'cuda', 'auto']);
  integerOption(task, 'deviceId', deviceId, 0, 2 ** 31 - 1);
  integerOption(task, 'intraOpThreads', intraOpThreads, 0, MAX_THREADS);
  integerOption(task, 'interOpThreads', interOpThreads, 0, MAX_THREADS);
  integerOption(task, 'intraOpNumThreads', options.intraOpNumThreads, 0, MAX_THREADS);
  integerOption(task, 'interOpNumThreads', options.interOpNumThreads, 0, MAX_THREADS);
  const fromProviders = deviceOfProviders(executionProviders);
  if (executionProviders !== undefined && fromProviders === undefined) {
    const lists = PROVIDER_LISTS.map(([, list]) => shown(list));
    const rule = `${lists.slice(0, -1).join(', ')} or ${lists.at(-1)}`;
    throw invalidOption(task, 'executionProviders', rule, executionProviders);
  }
  checkAgree(task, 'executionProviders', fromProviders, 'device', device);
  checkAgree(
    task,
    'intraOpNumThreads',
    options.intraOpNumThreads,
    'intraOpThreads',
    intraOpThreads,
  );
  checkAgree(
    task,
    'interOpNumThreads',
    options.interOpNumThreads,
    'interOpThreads',
    interOpThreads,
  );
  oneOfOption(task, 'graphOptimizationLevel', options.graphOptimizationLevel, [
    'disabled',
    'basic',
    'extended',
    'all',
  ]);
  booleanOption(task, 'spinning', options.spinning);
  const config: unknown = options.config;
  if (
    config !== undefined &&
    config !== false &&
    (config === null || typeof config !== 'object' || Array.isArray(config))
  )
    throw invalidOption(task, 'config', "config.json's contents as an object, or false", config);
  if (options.log !== undefined && typeof options.log !== 'function')
    throw invalidOption(task, 'log', 'a function', options.log);
}

/** onnxruntime session options for one provider; `quiet` silences native logging (used for the CUDA attempt). */
export function ortSessionOptions(
  options: SessionOptions,
  provider: Provider,
  quiet: boolean,
): InferenceSession.SessionOptions {
  const spin = options.spinning === true ? '1' : '0';
  const intra = intraOpNumThreads(options);
  const inter = interOpNumThreads(options);
  // Only what the caller set is passed on, so a default session is exactly onnxruntime's default plus the spin switch
  // (the benchmark's raw baseline uses the same options).
  return {
    ...(provider === 'cuda'
      ? { executionProviders: [{ name: 'cuda', deviceId: options.deviceId ?? 0 }] }
      : {}),
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    ...(intra ? { intraOpNumThreads: intra } : {}),
    ...(inter ? { interOpNumThreads: inter } : {}),
    // Native failures of the CUDA attempt would print to stderr; our error or log line reports them instead.
    ...(quiet ? { logSeverityLevel: 4 as const } : {}),
    extra: { session: { intra_op: { allow_spinning: spin }, inter_op: { allow_spinning: spin } } },
  };
}
