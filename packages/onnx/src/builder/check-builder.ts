import { show } from '../check-args';
import { OnnxError } from '../errors';
import { GraphBuilder } from './graph-builder';

/**
 * Checks that a layer function got a {@link GraphBuilder}.
 * @throws {OnnxError} `INVALID_INPUT` otherwise.
 */
export function checkBuilder(where: string, b: unknown): asserts b is GraphBuilder {
  if (!(b instanceof GraphBuilder)) {
    throw new OnnxError(
      'INVALID_INPUT',
      `${where}: b must be a GraphBuilder (new GraphBuilder()), got ${show(b)}`,
    );
  }
}
