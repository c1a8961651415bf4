import type { FeatureExtractor } from '@nlpft/inference';
import { expectTypeOf, test } from 'vitest';
import type { FeatureExtractorLike } from './cached-features';

test('FeatureExtractor has the FeatureExtractorLike shape', () =>
  expectTypeOf<FeatureExtractor>().toExtend<FeatureExtractorLike>());
