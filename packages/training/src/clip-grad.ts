import { TrainingError } from './errors';
import type { Grads } from './types';
import { checkOptionsObject, checkTensors } from './check-args';

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /** p of the p-norm: any positive number or `Infinity` (also accepted as 'inf'). Default 2. */
  normType?: number | 'inf';
  /** Throw NON_FINITE_GRADIENT when the total norm is NaN or infinite instead of clipping. Default false. */
  errorIfNonfinite?: boolean;
}

/**
 * Scales all gradients in place so their joint p-norm is at most `maxNorm`, with `torch.nn.utils.clip_grad_norm_`
 * semantics: total norm = norm of the per-tensor norms, coefficient `maxNorm / (total + 1e-6)` clamped to 1.
 * Returns the total norm before clipping.
 * @throws {TrainingError} NON_FINITE_GRADIENT when `errorIfNonfinite` and the norm is NaN/inf; INVALID_OPTION on a bad
 *   maxNorm or normType.
 * @example const norm = clipGradNorm(grads, 1.0)
 * @see https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html
 */
export function clipGradNorm(
  grads: Grads | readonly Float32Array[],
  maxNorm: number,
  options: ClipGradNormOptions = {},
): number {
  checkTensors('clipGradNorm', grads, 'grads');
  checkOptionsObject('clipGradNorm', options, { optional: true });
  const p = options.normType === 'inf' ? Infinity : (options.normType ?? 2);
  if (!(p > 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `normType must be > 0 or 'inf', got ${String(options.normType)}`,
    );
  if (!(maxNorm >= 0))
    throw new TrainingError('INVALID_OPTION', `maxNorm must be >= 0, got ${maxNorm}`);
  const list = Array.isArray(grads)
    ? (grads as readonly Float32Array[])
    : Object.values(grads as Grads);
  if (list.length === 0) return 0;
  const total = totalNorm(list, p);
  if (options.errorIfNonfinite === true && !Number.isFinite(total)) {
    throw new TrainingError(
      'NON_FINITE_GRADIENT',
      `the total ${p}-norm of the gradients is ${total}; cannot clip`,
    );
  }
  return scaleToNorm(list, total, maxNorm);
}

/**
 * The scaling step of {@link clipGradNorm} for a caller that already has the total norm (the Trainer takes Σ g² in
 * the pass that checks the gradients): scales `list` in place by `maxNorm / (total + 1e-6)` clamped to 1 and
 * returns `total`.
 * @internal
 */
export function scaleToNorm(list: readonly Float32Array[], total: number, maxNorm: number): number {
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  if (coef === 1) return total; // multiplying by 1 is exact: skip the pass
  for (const g of list) for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef;
  return total;
}

/**
 * Clamps every gradient value into [-clipValue, clipValue] in place (`torch.nn.utils.clip_grad_value_`).
 * @throws {TrainingError} INVALID_OPTION when clipValue is negative or not finite.
 */
export function clipGradValue(grads: Grads | readonly Float32Array[], clipValue: number): void {
  checkTensors('clipGradValue', grads, 'grads');
  if (!(clipValue >= 0 && Number.isFinite(clipValue)))
    throw new TrainingError(
      'INVALID_OPTION',
      `clipValue must be a finite number >= 0, got ${clipValue}`,
    );
  const list = Array.isArray(grads)
    ? (grads as readonly Float32Array[])
    : Object.values(grads as Grads);
  for (const g of list)
    for (let i = 0; i < g.length; i++) g[i] = Math.min(clipValue, Math.max(-clipValue, g[i]!));
}

/**
 * The joint p-norm of `list` (the norm of the per-tensor norms), exactly as {@link clipGradNorm} computes it,
 * changing nothing: for callers that clip into an array of their own (`BertAdam`).
 * @internal
 */
export function totalNorm(list: readonly Float32Array[], p: number): number {
  if (p === Infinity) {
    let total = 0;
    for (const g of list)
      for (let i = 0; i < g.length; i++) total = Math.max(total, Math.abs(g[i]!));
    return total;
  }
  let acc = 0;
  for (const g of list) {
    let s = 0;
    if (p === 2) for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
    else if (p === 1) for (let i = 0; i < g.length; i++) s += Math.abs(g[i]!);
    else for (let i = 0; i < g.length; i++) s += Math.abs(g[i]!) ** p;
    acc += s;
  }
  return acc ** (1 / p);
}
