import { create } from '@bufbuild/protobuf';
import {
  assertHostile,
  assertHostileAsync,
  hasNaN,
  hostileScalar,
  listOf,
  mostly,
  optionsOf,
} from '@nlpft/test-utils/hostile';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelProtoSchema, TensorProtoSchema } from './gen/onnx_pb';
import * as onnx from './index';
import { BERT_BYTES, fixtureGraph, graphs, isOnnxError } from './hostile.test-helper';

const anyOf = (...v: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...v);
const smallInt = fc.integer({ min: -2, max: 6 });
/** Sizes that are hostile but never ask for gigabytes of valid memory (a huge valid size is not hostile). */
const size = fc.oneof(smallInt, anyOf(NaN, Infinity, -Infinity, 0.5, -0, 1e308, 2 ** 53 + 2, '3'));
const rate = fc.oneof(fc.double({ min: -0.5, max: 1.5 }), anyOf(NaN, Infinity, 0, 0.1, 1));
const valueName = anyOf('x', 'y', 'w', 'logits', 'last_hidden_state', 'input_ids', 'nope', '');
const dims = fc.array(size, { maxLength: 3 });
const dataType = anyOf('float32', 'float64', 'int64', 'int32', 'bool', 'string', 'complex64', 7);
const typedArray = fc.oneof(
  fc.float32Array({ maxLength: 8 }),
  fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 8 }).map((a) => Int32Array.from(a)),
  fc.constant(new BigInt64Array(2)),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
);
const tensor = fc.record({
  name: valueName,
  type: mostly(dataType),
  dims,
  data: mostly(typedArray),
});
const tensorProto = fc
  .record({
    name: fc.string({ maxLength: 4 }),
    dataType: fc.integer({ min: -1, max: 25 }),
    dims: fc.array(fc.bigInt({ min: -2n, max: 2n ** 64n }), { maxLength: 3 }),
    rawData: fc.uint8Array({ maxLength: 16 }),
    floatData: fc.array(fc.float(), { maxLength: 4 }),
    dataLocation: fc.integer({ min: 0, max: 2 }),
  })
  .map((r) => create(TensorProtoSchema, r));
const graph = mostly(graphs);
const realBuilder = graphs.map((g) => new onnx.GraphBuilder({ graph: g }));
const builder = mostly(realBuilder);
const bertConfig = optionsOf(
  {
    vocabSize: size,
    hidden: anyOf(4, 8, 6),
    layers: size,
    heads: anyOf(1, 2, 3),
    intermediate: size,
    maxPositions: size,
    typeVocabSize: size,
    layerNormEps: rate,
    hiddenDropout: rate,
    attentionDropout: rate,
    initializerRange: rate,
  },
  { maxKeys: 11 },
);
const seed = fc.oneof(fc.integer(), anyOf(NaN, Infinity, 1.5, -1));
const structureOf = (g: unknown): unknown => {
  try {
    return onnx.mapModelStructure(g as onnx.Graph);
  } catch {
    return undefined;
  }
};
const withStructure = (
  options: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<[unknown, unknown]> =>
  fc
    .tuple(graph, optionsOf(options), fc.boolean())
    .map(([g, o, useStructure]) =>
      useStructure && typeof o === 'object' && o !== null
        ? [g, { ...o, structure: structureOf(g) }]
        : [g, o],
    );

/** Byte mutations of a real model: truncations, flipped bytes, garbage, and the intact file. */
const modelBytes = fc.oneof(
  fc.constant(BERT_BYTES),
  fc.nat({ max: BERT_BYTES.length }).map((n) => BERT_BYTES.slice(0, n)),
  fc
    .array(fc.tuple(fc.nat({ max: BERT_BYTES.length - 1 }), fc.nat({ max: 255 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((flips) => {
      const copy = BERT_BYTES.slice();
      for (const [i, v] of flips) copy[i] = v;
      return copy;
    }),
  fc.uint8Array({ maxLength: 64 }),
  hostileScalar,
);

const runtimeOptions = optionsOf({
  trainable: fc.oneof(
    fc.array(anyOf('w', 'b', 'nope'), { maxLength: 2 }),
    anyOf(() => true),
  ),
  loss: valueName,
  executionProviders: listOf(anyOf('cpu', 'cuda', 'webgpu', ''), 2),
  intraOpNumThreads: size,
  keepOutputs: listOf(valueName, 2),
  dropout: fc.boolean(),
  seed,
  shareParameters: fc.boolean(),
  memoryPattern: fc.boolean(),
});

const noNaN = (result: unknown): void => {
  expect(hasNaN(result)).toBe(false);
};

// Argument lists per public function, in the order of its parameters.
const cases: [string, (...args: unknown[]) => unknown, fc.Arbitrary<unknown[]>][] = [
  ['dataTypeToOnnx', onnx.dataTypeToOnnx as never, fc.tuple(mostly(dataType))],
  [
    'dataTypeFromOnnx',
    onnx.dataTypeFromOnnx as never,
    fc.tuple(mostly(smallInt), mostly(valueName)),
  ],
  ['elementCount', onnx.elementCount as never, fc.tuple(listOf(size, 4))],
  ['tensorDims', onnx.tensorDims as never, fc.tuple(mostly(tensorProto))],
  ['tensorToTypedArray', onnx.tensorToTypedArray as never, fc.tuple(mostly(tensorProto))],
  ['tensorFromProto', onnx.tensorFromProto as never, fc.tuple(mostly(tensorProto))],
  [
    'tensorFromTypedArray',
    onnx.tensorFromTypedArray as never,
    fc.tuple(mostly(valueName), mostly(dataType), listOf(size, 3), mostly(typedArray)),
  ],
  ['tensorToProto', onnx.tensorToProto as never, fc.tuple(mostly(tensor))],
  [
    'readModel + graphFromModel',
    (bytes) => onnx.graphFromModel(onnx.readModel(bytes as Uint8Array)),
    fc.tuple(modelBytes),
  ],
  [
    'writeModel',
    onnx.writeModel as never,
    fc.tuple(
      mostly(
        fc.oneof(
          graphs.map((g) => onnx.graphToModel(g)),
          fc.constant(create(ModelProtoSchema, {})),
        ),
      ),
    ),
  ],
  [
    'graphFromModel',
    onnx.graphFromModel as never,
    fc.tuple(mostly(fc.constant(create(ModelProtoSchema, {})))),
  ],
  ['graphToModel', onnx.graphToModel as never, fc.tuple(graph)],
  ['new Graph', (o) => new onnx.Graph(o as never), fc.tuple(optionsOf({ name: valueName }))],
  [
    'Graph.addInitializer',
    (g, t) => (g as onnx.Graph).addInitializer(t as never),
    fc.tuple(graphs, mostly(tensor)),
  ],
  [
    'Graph.addNode',
    (g, ...rest) => (g as onnx.Graph).addNode(...(rest as [string, string[], string[]])),
    fc.tuple(graphs, mostly(anyOf('Add', 'Relu')), listOf(valueName, 2), listOf(valueName, 2)),
  ],
  [
    'new GraphBuilder',
    (o) => new onnx.GraphBuilder(o as never),
    fc.tuple(optionsOf({ seed, graph: graphs })),
  ],
  [
    'GraphBuilder.input',
    (b, ...rest) => (b as onnx.GraphBuilder).input(...(rest as [string, never, never])),
    fc.tuple(
      realBuilder,
      mostly(valueName),
      mostly(dataType),
      listOf(fc.oneof(size, anyOf('batch')), 3),
    ),
  ],
  [
    'GraphBuilder.parameter',
    (b, ...rest) => (b as onnx.GraphBuilder).parameter(...(rest as [string, never, never])),
    fc.tuple(
      realBuilder,
      mostly(anyOf('p.weight', 'w')),
      listOf(size, 3),
      mostly(
        fc.oneof(
          anyOf('zeros', 'ones', 'random'),
          fc.record({ normal: rate }),
          fc.record({ uniform: rate }),
          typedArray,
        ),
      ),
    ),
  ],
  [
    'GraphBuilder.scalar',
    (b, ...rest) => (b as onnx.GraphBuilder).scalar(...(rest as [number])),
    fc.tuple(realBuilder, mostly(rate), mostly(fc.option(valueName, { nil: undefined }))),
  ],
  [
    'GraphBuilder.op',
    (b, ...rest) => (b as onnx.GraphBuilder).op(...(rest as [string, never])),
    fc.tuple(
      realBuilder,
      mostly(anyOf('Add', 'MatMul', 'Relu', 'Softmax', 'Nope')),
      listOf(valueName, 3),
      mostly(fc.constant({})),
      optionsOf({
        name: valueName,
        outputs: fc.oneof(size, fc.array(valueName, { maxLength: 2 })),
      }),
    ),
  ],
  [
    'linear',
    onnx.linear as never,
    fc.tuple(
      builder,
      mostly(valueName),
      mostly(size),
      optionsOf({ name: valueName, std: rate, bias: fc.boolean() }),
    ),
  ],
  [
    'layerNorm',
    onnx.layerNorm as never,
    fc.tuple(builder, mostly(valueName), optionsOf({ name: valueName, eps: rate })),
  ],
  [
    'gelu',
    onnx.gelu as never,
    fc.tuple(builder, mostly(valueName), mostly(anyOf('none', 'tanh', 'erf'))),
  ],
  [
    'dropout',
    onnx.dropout as never,
    fc.tuple(builder, mostly(valueName), mostly(rate), mostly(valueName)),
  ],
  [
    'mlp',
    onnx.mlp as never,
    fc.tuple(
      builder,
      mostly(valueName),
      optionsOf({
        intermediate: size,
        activation: anyOf('gelu', 'relu', 'tanh'),
        names: fc.tuple(valueName, valueName),
        outputStd: rate,
      }),
    ),
  ],
  [
    'embeddings',
    onnx.embeddings as never,
    fc.tuple(
      builder,
      mostly(valueName),
      optionsOf({
        vocabSize: size,
        hidden: size,
        maxPositions: size,
        names: fc.tuple(valueName, valueName),
        std: rate,
      }),
    ),
  ],
  ['paddingMaskBias', onnx.paddingMaskBias as never, fc.tuple(builder, mostly(valueName))],
  ['causalMaskBias', onnx.causalMaskBias as never, fc.tuple(builder, mostly(valueName))],
  [
    'multiHeadAttention',
    onnx.multiHeadAttention as never,
    fc.tuple(
      builder,
      mostly(valueName),
      mostly(valueName),
      mostly(valueName),
      optionsOf({ heads: size, maskBias: valueName, dropout: rate }),
    ),
  ],
  ['parameterPrefix', onnx.parameterPrefix as never, fc.tuple(builder)],
  [
    'broadcastShapes',
    onnx.broadcastShapes as never,
    fc.tuple(listOf(fc.option(listOf(fc.oneof(size, anyOf('n')), 3), { nil: undefined }), 3)),
  ],
  [
    'inferShape',
    onnx.inferShape as never,
    fc.tuple(
      mostly(anyOf('Add', 'MatMul', 'Reshape', 'Gather', 'Nope')),
      listOf(
        fc.option(fc.record({ type: dataType, shape: fc.option(dims, { nil: undefined }) })),
        3,
      ),
      mostly(fc.constant({})),
      listOf(fc.option(fc.array(size, { maxLength: 3 }), { nil: undefined }), 3),
      mostly(size),
    ),
  ],
  ['new SeededRandom', (s) => new onnx.SeededRandom(s as number).uniform(), fc.tuple(mostly(seed))],
  [
    'SeededRandom.normalArray',
    (...a) => new onnx.SeededRandom(1).normalArray(...(a as [number])),
    fc.tuple(mostly(size), mostly(rate), mostly(rate)),
  ],
  [
    'SeededRandom.uniformArray',
    (...a) => new onnx.SeededRandom(1).uniformArray(...(a as [number])),
    fc.tuple(mostly(size), mostly(rate), mostly(rate)),
  ],
  ['buildBert', onnx.buildBert as never, fc.tuple(bertConfig, optionsOf({ seed }))],
  [
    'buildGpt2',
    onnx.buildGpt2 as never,
    fc.tuple(bertConfig, optionsOf({ seed, lmHead: fc.boolean() })),
  ],
  [
    'addClassificationHead',
    onnx.addClassificationHead as never,
    fc.tuple(
      graph,
      optionsOf({
        numLabels: size,
        pooling: anyOf('cls', 'mean', 'max'),
        dropout: rate,
        hiddenOutput: valueName,
        outputName: valueName,
        hidden: size,
        std: rate,
        seed,
      }),
    ),
  ],
  [
    'addTokenClassificationHead',
    onnx.addTokenClassificationHead as never,
    fc.tuple(
      graph,
      optionsOf({
        numLabels: size,
        dropout: rate,
        hiddenOutput: valueName,
        hidden: size,
        std: rate,
      }),
    ),
  ],
  [
    'addQuestionAnsweringHead',
    onnx.addQuestionAnsweringHead as never,
    fc.tuple(graph, optionsOf({ hiddenOutput: valueName, hidden: size, std: rate, seed })),
  ],
  [
    'addMaskedLmHead',
    onnx.addMaskedLmHead as never,
    fc.tuple(
      graph,
      optionsOf({ hiddenOutput: valueName, wordEmbeddings: valueName, layerNormEps: rate, seed }),
    ),
  ],
  [
    'addLora',
    onnx.addLora as never,
    fc.tuple(
      graph,
      optionsOf({
        matMuls: listOf(anyOf('MatMul', 'nope', /query\/MatMul$/, /c_attn/), 2),
        rank: size,
        alpha: rate,
        seed,
      }),
    ),
  ],
  ['mergeLora', onnx.mergeLora as never, fc.tuple(graph)],
  [
    'insertAdapters',
    (...a) => onnx.insertAdapters(...(a as [never, never])),
    withStructure({
      bottleneck: size,
      at: listOf(fc.oneof(anyOf('attention', 'ffn', 'middle'), fc.record({ value: valueName })), 2),
      activation: anyOf('gelu', 'relu', 'tanh'),
      hidden: size,
      std: rate,
      upStd: rate,
      seed,
    }),
  ],
  [
    'addPrefixTuning',
    (...a) => onnx.addPrefixTuning(...(a as [never, never])),
    withStructure({ prefixLength: size, std: rate, seed, heads: size }),
  ],
  [
    'addFlTuning',
    (...a) => onnx.addFlTuning(...(a as [never, never])),
    withStructure({
      units: size,
      activation: anyOf('gelu', 'gelu_new', 'relu', 'swish'),
      std: rate,
      seed,
    }),
  ],
  [
    'initializersToInputs',
    onnx.initializersToInputs as never,
    fc.tuple(graph, mostly(fc.option(fc.array(valueName, { maxLength: 2 }), { nil: undefined }))),
  ],
  ['inputsToInitializers', onnx.inputsToInitializers as never, fc.tuple(graph, listOf(tensor, 2))],
  [
    'writeWeights',
    onnx.writeWeights as never,
    fc.tuple(
      graph,
      mostly(fc.dictionary(anyOf('w', 'b', 'nope') as fc.Arbitrary<string>, mostly(typedArray))),
      optionsOf({ copy: fc.boolean() }),
    ),
  ],
  [
    'pruneGraph',
    onnx.pruneGraph as never,
    fc.tuple(graph, optionsOf({ dropUnusedInputs: fc.boolean() })),
  ],
  [
    'renameInputs',
    onnx.renameInputs as never,
    fc.tuple(graph, mostly(fc.dictionary(valueName as fc.Arbitrary<string>, mostly(valueName)))),
  ],
  [
    'renameOutputs',
    onnx.renameOutputs as never,
    fc.tuple(graph, mostly(fc.dictionary(valueName as fc.Arbitrary<string>, mostly(valueName)))),
  ],
  ['sortNodes', onnx.sortNodes as never, fc.tuple(graph)],
  ['splice', onnx.splice as never, fc.tuple(graph, mostly(valueName), mostly(valueName))],
  [
    'setDropoutMode',
    onnx.setDropoutMode as never,
    fc.tuple(
      graph,
      mostly(fc.oneof(anyOf('inference', 'training', 'eval'), fc.record({ input: valueName }))),
      optionsOf({ seed }),
    ),
  ],
  ['mapModelStructure', onnx.mapModelStructure as never, fc.tuple(graph)],
  ['restoreTrainableLayout', onnx.restoreTrainableLayout as never, fc.tuple(graph)],
  [
    'insertDropout',
    (g, rates) => onnx.insertDropout(g as never, structureOf(g) as never, rates as never),
    fc.tuple(
      graph,
      optionsOf({
        embeddings: rate,
        attentionProbabilities: rate,
        attentionOutput: rate,
        ffnOutput: rate,
        head: fc.dictionary(valueName as fc.Arbitrary<string>, rate),
      }),
    ),
  ],
  [
    'buildGradientGraph',
    onnx.buildGradientGraph as never,
    fc.tuple(
      graph,
      optionsOf({
        loss: valueName,
        trainable: listOf(anyOf('w', 'b', 'nope', 'embeddings.word_embeddings.weight'), 2),
        gradPrefix: valueName,
        keepOutputs: listOf(valueName, 2),
      }),
    ),
  ],
  ['seedDropout', onnx.seedDropout as never, fc.tuple(graph, mostly(valueName))],
  [
    'addSoftmaxCrossEntropyLoss',
    onnx.addSoftmaxCrossEntropyLoss as never,
    fc.tuple(
      graph,
      mostly(valueName),
      optionsOf({ output: valueName, type: dataType, ignoreIndex: size, labels: valueName }),
    ),
  ],
  [
    'addCausalLmLoss',
    onnx.addCausalLmLoss as never,
    fc.tuple(
      graph,
      mostly(valueName),
      optionsOf({ output: valueName, type: dataType, ignoreIndex: size, labels: valueName }),
    ),
  ],
  [
    'addMseLoss',
    onnx.addMseLoss as never,
    fc.tuple(
      graph,
      mostly(valueName),
      optionsOf({ output: valueName, type: dataType, targets: valueName }),
    ),
  ],
  ['stepSeed', onnx.stepSeed as never, fc.tuple(mostly(seed), mostly(size))],
];

describe('hostile inputs', () => {
  it.each(cases)('%s answers with a result or an OnnxError', (_name, call, args) => {
    assertHostile(call, args, { isTyped: isOnnxError, numRuns: 150, check: noNaN });
  });

  describe('files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-hostile-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // Generated strings stay inside `dir`: a bare hostile string would be a path relative to the working folder.
    const path = fc.oneof(
      anyOf(join(dir, 'model.onnx'), join(dir, 'missing', 'model.onnx'), dir, ''),
      fc.string({ unit: 'binary', maxLength: 8 }).map((name) => join(dir, name)),
      hostileScalar.filter((v) => typeof v !== 'string'),
    );

    it('readModelFile answers with a model or an OnnxError', () => {
      assertHostile(
        onnx.readModelFile as never,
        fc.tuple(path, optionsOf({ externalDataDir: path, loadExternalData: fc.boolean() })),
        {
          isTyped: isOnnxError,
          numRuns: 100,
        },
      );
    });

    it('writeModelFile answers with nothing or an OnnxError', () => {
      assertHostile(
        onnx.writeModelFile as never,
        fc.tuple(
          path,
          mostly(fc.constant(onnx.graphToModel(fixtureGraph('linear')))),
          optionsOf({
            externalData: mostly(
              optionsOf({ location: anyOf('w.data', '../up.data', ''), sizeThreshold: size }),
            ),
          }),
        ),
        { isTyped: isOnnxError, numRuns: 100 },
      );
    });
  });

  it('createGradientSession answers with a runner or an OnnxError', async () => {
    await assertHostileAsync(
      async (model, options) => {
        const runner = await onnx.createGradientSession(model as never, options as never);
        await runner.dispose();
        return runner.parameters;
      },
      fc.tuple(
        mostly(
          fc.constantFrom('linear' as const).map((n) => {
            const g = fixtureGraph(n);
            g.outputs = [];
            onnx.addMseLoss(g, 'y');
            return g;
          }),
        ),
        runtimeOptions,
      ),
      { isTyped: isOnnxError, numRuns: 40, baseMs: 3000 },
    );
  });
});

describe('hostile-input regressions', () => {
  const code = (c: string): Error => expect.objectContaining({ code: c }) as Error;

  it('readModelFile refuses a number path instead of reading file descriptor 0 (stdin) and blocking', () => {
    expect(() => onnx.readModelFile(0 as never)).toThrow(code('INVALID_INPUT'));
  });

  it('elementCount refuses NaN and negative dims instead of returning NaN or a negative count', () => {
    expect(() => onnx.elementCount([2, NaN])).toThrow(code('INVALID_INPUT'));
    expect(() => onnx.elementCount([2, -3])).toThrow(code('INVALID_INPUT'));
    expect(onnx.elementCount([2, 3, 4])).toBe(24);
  });

  it("dataTypeToOnnx refuses inherited keys such as 'toString'", () => {
    expect(() => onnx.dataTypeToOnnx('toString' as never)).toThrow(code('UNSUPPORTED_DATA_TYPE'));
    expect(onnx.dataTypeToOnnx('float32')).toBe(1);
  });

  it.each([0, -1, NaN, 1.5, Infinity])('addLora refuses rank %s', (rank) => {
    const options = { matMuls: [/query\/MatMul$/], rank };
    expect(() => onnx.addLora(fixtureGraph('bert'), options)).toThrow(code('INVALID_OPTION'));
  });

  it('surgery refuses a missing options object with INVALID_OPTION, not a TypeError', () => {
    const g = fixtureGraph('bert');
    expect(() => onnx.addLora(g, null as never)).toThrow(code('INVALID_OPTION'));
    expect(() => onnx.insertAdapters(g, undefined as never)).toThrow(code('INVALID_OPTION'));
    expect(() => onnx.addClassificationHead(g, { numLabels: 2, dropout: NaN })).toThrow(
      code('INVALID_OPTION'),
    );
    expect(() => onnx.insertDropout(g, onnx.mapModelStructure(g), undefined as never)).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('mergeLora leaves a graph without LoRA as it is', () => {
    const g = fixtureGraph('bert');
    const { graph, merged } = onnx.mergeLora(g);
    expect(merged).toEqual([]);
    expect(graph.initializers.size).toBe(g.initializers.size);
  });

  it('mapModelStructure names the weight of a graph that is no transformer', () => {
    expect(() => onnx.mapModelStructure(fixtureGraph('linear'))).toThrow(
      code('UNPLACED_PARAMETER'),
    );
  });

  it('buildGradientGraph names an unknown loss and refuses a trainable list that is not iterable', () => {
    const g = fixtureGraph('linear');
    expect(() => onnx.buildGradientGraph(g, { loss: 'nope', trainable: ['w'] })).toThrow(
      code('UNKNOWN_VALUE'),
    );
    expect(() => onnx.buildGradientGraph(g, { loss: 'y', trainable: 3 as never })).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('writeModel refuses a model without a graph and a value that is no ModelProto', () => {
    expect(() => onnx.writeModel(create(ModelProtoSchema, {}))).toThrow(code('MALFORMED_MODEL'));
    expect(() => onnx.writeModel({} as never)).toThrow(code('INVALID_INPUT'));
  });

  it('GraphBuilder.parameter refuses a NaN std instead of filling the weight with NaN', () => {
    const b = new onnx.GraphBuilder();
    expect(() => b.parameter('w', [2, 2], { normal: NaN })).toThrow(code('INVALID_INPUT'));
  });

  it.each([
    [{ intraOpNumThreads: NaN }],
    [{ intraOpNumThreads: -1 }],
    [{ executionProviders: ['gpu'] }],
    [{ executionProviders: [] }],
  ])('createGradientSession refuses %j before loading onnxruntime', async (extra) => {
    const g = fixtureGraph('linear');
    g.outputs = [];
    onnx.addMseLoss(g, 'y');
    await expect(
      onnx.createGradientSession(g, { trainable: ['w'], ...(extra as object) }),
    ).rejects.toThrow(code('INVALID_OPTION'));
  });
});
