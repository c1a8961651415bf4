// Everything, as the subpath entries group it (each entry is also `@nlpft/metrics/<name>`).
export * from './entries/classification';
export * from './entries/perplexity';
export * from './entries/squad';
export * from './entries/ssa';
export * from './entries/stats';
export * from './entries/bleu';
export * from './entries/chrf';
export * from './entries/ter';
export * from './entries/rouge';
export { pyFormatFixed } from './python-format';
