import { expectTypeOf, test } from 'vitest';
import type { Graph } from '../graph';
import type { ValueInfo } from '../types';
import { buildBert } from './build-bert';
import { buildGpt2 } from './build-gpt2';
import type { GraphBuilder, ValueLike } from './graph-builder';
import type { BertConfig, Gpt2Config } from './model-config';

test('builders take a config and options and return a Graph', () => {
  expectTypeOf(buildBert).parameters.toEqualTypeOf<
    [BertConfig, ({ seed?: number } | undefined)?]
  >();
  expectTypeOf(buildGpt2).returns.toEqualTypeOf<Graph>();
  expectTypeOf<Gpt2Config>().toHaveProperty('intermediate').toEqualTypeOf<number | undefined>();
});

test('GraphBuilder.op1 accepts value names or builder values and returns a ValueInfo', () => {
  expectTypeOf<string>().toExtend<ValueLike>();
  expectTypeOf<ValueInfo>().toExtend<ValueLike>();
  expectTypeOf<GraphBuilder['op1']>().returns.toEqualTypeOf<ValueInfo>();
});
