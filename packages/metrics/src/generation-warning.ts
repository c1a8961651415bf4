/**
 * A warning a generation metric reports instead of printing it: what sacrebleu logs (`category`
 * `'log:sacrebleu'`) or Python warns, with the reference's own message.
 */
export interface GenerationWarning {
  category: string;
  message: string;
}

/** Receives each {@link GenerationWarning}; pass it as the `onWarning` option. */
export type GenerationWarningHandler = (warning: GenerationWarning) => void;

/** Where warnings go without an `onWarning`: `console.warn`, as sacrebleu logs them to stderr. @internal */
export function warnToConsole(warning: GenerationWarning): void {
  console.warn(`${warning.category}: ${warning.message}`);
}
