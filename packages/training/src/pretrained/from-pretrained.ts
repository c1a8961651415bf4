import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OnnxError,
  graphFromModel,
  insertDropout,
  mapModelStructure,
  readModelFile,
  restoreTrainableLayout,
} from '@nlpft/onnx';
import type { Graph, ModelStructure } from '@nlpft/onnx';
import { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { SUPPORTED_MODEL_TYPES, parsePretrainedConfig } from './hf-config';
import type { PretrainedConfig } from './hf-config';
import { assertTrainableOps } from './trainable-ops';

/** What the export computes, read from its outputs. */
export type PretrainedTask = 'feature-extraction' | 'logits' | 'question-answering';

/** Options of {@link fromPretrained}. */
export interface FromPretrainedOptions {
  /**
   * The model file inside the folder.
   * @defaultValue `onnx/model.onnx` (transformers.js layout), else `model.onnx` (optimum-cli layout)
   */
  modelFile?: string;
  /** Put back the dropout an eval-mode export lost, at the config's rates. @defaultValue true */
  dropout?: boolean;
}

/** A Hugging Face model folder, ready to fine-tune. */
export interface PretrainedModel {
  dir: string;
  config: PretrainedConfig;
  /**
   * The graph in training layout ({@link restoreTrainableLayout}): parameters named and shaped as the PyTorch
   * state dict, a tied GPT-2 head sharing `wte`, dropout inserted unless turned off.
   */
  graph: Graph;
  /** The structural map of {@link graph} (parts, layers, sites). */
  structure: ModelStructure;
  /** Parameter names of {@link graph} in graph order (the state-dict keys). */
  parameterNames: readonly string[];
  /** The folder's tokenizer.json, when it has one. */
  tokenizer: Tokenizer | undefined;
  /** `tokenizer_config.json`, parsed, when present. */
  tokenizerConfig: Readonly<Record<string, unknown>> | undefined;
  task: PretrainedTask;
  /** The export's output names. */
  outputs: readonly string[];
  /** How many Dropout nodes were inserted. */
  dropoutNodes: number;
}

/**
 * Opens a Hugging Face model folder for fine-tuning, as `from_pretrained` does in transformers: `config.json`,
 * `tokenizer.json` (+ `tokenizer_config.json`) and the fp32 ONNX export (`onnx/model.onnx` or `model.onnx`, external
 * data beside it). Supported: BERT, RoBERTa/XLM-R, ELECTRA (discriminator), MiniLM-style BERTs, DistilBERT and
 * GPT-2/DistilGPT2 ({@link SUPPORTED_MODEL_TYPES}), as a body export (`last_hidden_state`) or with a task head
 * (`logits`, `start_logits`/`end_logits`). The graph is mapped structurally ({@link mapModelStructure}), its
 * folded weights are turned back into state-dict tensors, GPT-2's tie is restored and dropout is inserted.
 * @throws {TrainingError} `INVALID_MODEL_FOLDER` for a missing or unreadable file; `UNSUPPORTED_MODEL` for an
 *   unknown `model_type`, a quantized/fused/fp16 graph, a graph without the outputs training needs, or one whose
 *   structure is not the config's family; `UNPLACED_PARAMETER`-caused errors keep the map's message.
 * @example
 * const model = fromPretrained('models/distilbert-sst2');
 * const plan = freezeBottomLayers(model.parameterNames, 2, { layerOf: model.structure.layerOf });
 */
export function fromPretrained(dir: string, options: FromPretrainedOptions = {}): PretrainedModel {
  const config = parsePretrainedConfig(
    readJson(dir, 'config.json', true),
    join(dir, 'config.json'),
  );
  const file = modelFile(dir, options.modelFile);
  let graph = graphFromModel(readModel(file));
  assertTrainableOps(graph, file);
  const outputs = graph.outputs.map((o) => o.name);
  const task = taskOf(outputs, file);
  let structure: ModelStructure;
  try {
    graph = restoreTrainableLayout(graph);
    structure = mapModelStructure(graph);
  } catch (e) {
    if (
      e instanceof OnnxError &&
      (e.code === 'UNSUPPORTED_MODEL' || e.code === 'UNPLACED_PARAMETER')
    )
      throw new TrainingError('UNSUPPORTED_MODEL', `${file}: ${e.message}`, { cause: e });
    throw e;
  }
  const expected = SUPPORTED_MODEL_TYPES[config.modelType];
  if (structure.family !== expected || structure.numLayers !== config.numLayers)
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `${file}: config.json says ${config.modelType} with ${config.numLayers} layers, but the graph is a ${structure.family} body with ${structure.numLayers}`,
    );
  let dropoutNodes = 0;
  if (options.dropout ?? true) {
    const rates = config.dropout;
    const headKeys = new Set(structure.head.map((h) => h.weight));
    const head = Object.fromEntries(
      Object.entries(rates.head ?? {}).filter(([k]) => headKeys.has(k)),
    );
    dropoutNodes = insertDropout(graph, structure, { ...rates, head });
    structure = mapModelStructure(graph);
  }
  const tokenizerJson = readJson(dir, 'tokenizer.json', false);
  return {
    dir,
    config,
    graph,
    structure,
    parameterNames: [...structure.parameters.keys()],
    tokenizer: tokenizerJson === undefined ? undefined : tokenizerFrom(tokenizerJson, dir),
    tokenizerConfig: readJson(dir, 'tokenizer_config.json', false) as
      Record<string, unknown> | undefined,
    task,
    outputs,
    dropoutNodes,
  };
}

function readJson(dir: string, name: string, required: boolean): unknown {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (!required) return undefined;
    throw new TrainingError('INVALID_MODEL_FOLDER', `fromPretrained: ${dir} has no ${name}`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${path} is not valid JSON: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

function modelFile(dir: string, given: string | undefined): string {
  const candidates = given !== undefined ? [given] : ['onnx/model.onnx', 'model.onnx'];
  for (const c of candidates) if (existsSync(join(dir, c))) return join(dir, c);
  throw new TrainingError(
    'INVALID_MODEL_FOLDER',
    `fromPretrained: ${dir} has no ${candidates.join(' or ')}; export one with \`optimum-cli export onnx --model <id> ${dir}\``,
  );
}

function readModel(file: string) {
  try {
    return readModelFile(file);
  } catch (e) {
    throw new TrainingError('INVALID_MODEL_FOLDER', `${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function taskOf(outputs: readonly string[], file: string): PretrainedTask {
  if (outputs.includes('start_logits') && outputs.includes('end_logits'))
    return 'question-answering';
  if (outputs.includes('logits')) return 'logits';
  if (outputs.includes('last_hidden_state')) return 'feature-extraction';
  throw new TrainingError(
    'UNSUPPORTED_MODEL',
    `${file} has outputs ${outputs.map((o) => `'${o}'`).join(', ')}; training needs 'last_hidden_state' (a body export), 'logits' or 'start_logits'/'end_logits'`,
  );
}

function tokenizerFrom(json: unknown, dir: string): Tokenizer {
  try {
    return Tokenizer.fromJSON(json);
  } catch (e) {
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${join(dir, 'tokenizer.json')}: ${(e as Error).message}`,
      { cause: e },
    );
  }
}
