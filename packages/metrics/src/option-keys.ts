import { MetricsError } from './errors';

/**
 * Rejects keys an options object does not have, as a Python keyword argument that does not exist raises:
 * `corpusRouge(t, p, { types: ['rouge1'] })` (the option is `rougeTypes`) silently scored the default types.
 * @throws {MetricsError} `INVALID_OPTION` naming the function, the unknown key and the known ones.
 */
export function checkOptionKeys(fn: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== 'object') {
    throw new MetricsError('INVALID_OPTION', `${fn}: options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: unknown option ${JSON.stringify(key)}; the options are ${known.join(', ')}`,
      );
    }
  }
}
