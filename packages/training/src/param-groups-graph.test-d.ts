import type { Graph } from '@nlpft/onnx';
import { expectTypeOf, test } from 'vitest';
import type { ParameterGraphLike } from './param-groups-graph';

test('Graph from @nlpft/onnx has the ParameterGraphLike shape', () =>
  expectTypeOf<Graph>().toExtend<ParameterGraphLike>());
