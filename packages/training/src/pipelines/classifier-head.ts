import { addClassificationHead, mapModelStructure, pruneGraph } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import { SeededRng } from '../seeded-rng';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { headDropout, initializerRange, withTaskGraph } from './with-task-graph';

/** How {@link withClassifierHead} got a head of the wanted width. */
export type HeadOrigin = 'export' | 'reinitialised' | 'added';

/**
 * The model with a sequence-classification head of `numLabels` classes, as transformers'
 * `…ForSequenceClassification.from_pretrained(dir, num_labels=n, ignore_mismatched_sizes=True)` gives it:
 * the export's own head when its width fits; its output projection drawn anew (N(0, initializer_range²), bias 0)
 * when the width differs, the rest of the head kept; a new pooled linear head on a body export (first token for
 * encoders, the masked mean for GPT-2, which has no [CLS]), with the config's classifier dropout; on GPT-2's LM
 * export the tied LM head is cut away first.
 * @throws {TrainingError} `INVALID_OPTION` for an export whose head is not a sequence classifier (QA) or a
 *   numLabels that is not a positive integer.
 */
export function withClassifierHead(
  model: PretrainedModel,
  numLabels: number,
  seed: number,
): { model: PretrainedModel; origin: HeadOrigin } {
  if (!Number.isInteger(numLabels) || numLabels < 1)
    throw new TrainingError(
      'INVALID_OPTION',
      `numLabels must be a positive integer, got ${numLabels}`,
    );
  if (model.task === 'feature-extraction')
    return { model: addHead(model, numLabels, seed), origin: 'added' };
  if (model.task === 'logits' && model.config.modelType === 'gpt2')
    return { model: addHead(lmBody(model), numLabels, seed), origin: 'added' };
  const out = model.structure.head.at(-1);
  if (model.task !== 'logits' || out === undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `${model.dir}: a ${model.task} export has no sequence-classification head to train; use a body export (last_hidden_state) or a …ForSequenceClassification one`,
    );
  const weight = model.graph.initializers.get(out.weight)!;
  if (weight.dims[0] === numLabels) return { model, origin: 'export' };
  const graph = model.graph.clone();
  const rng = new SeededRng(seed);
  const std = initializerRange(model);
  const hidden = weight.dims[1]!;
  graph.initializers.set(out.weight, {
    ...weight,
    dims: [numLabels, hidden],
    data: Float32Array.from({ length: numLabels * hidden }, () => rng.normal() * std),
  });
  const biasName = out.weight.replace(/weight$/, 'bias');
  const bias = graph.initializers.get(biasName);
  if (bias !== undefined)
    graph.initializers.set(biasName, {
      ...bias,
      dims: [numLabels],
      data: new Float32Array(numLabels),
    });
  // A static class count in the declared output shape would make onnxruntime reject the new width.
  graph.outputs = graph.outputs.map((o) =>
    o.name === 'logits' && o.shape !== undefined && typeof o.shape.at(-1) === 'number'
      ? { ...o, shape: [...o.shape.slice(0, -1), numLabels] }
      : o,
  );
  return {
    model: { ...model, graph, structure: mapModelStructure(graph) },
    origin: 'reinitialised',
  };
}

function addHead(model: PretrainedModel, numLabels: number, seed: number): PretrainedModel {
  const graph = addClassificationHead(model.graph, {
    numLabels,
    pooling: model.config.modelType === 'gpt2' ? 'mean' : 'cls',
    dropout: headDropout(model),
    hidden: model.structure.hiddenSize,
    seed,
    std: initializerRange(model),
  });
  return withTaskGraph(model, graph, 'logits', ['logits']);
}

/**
 * GPT-2's LM export as a body: the final LayerNorm's output becomes `last_hidden_state` and the tied LM head is cut
 * away (as `GPT2ForSequenceClassification` reads `transformer` without `lm_head`).
 */
function lmBody(model: PretrainedModel): PretrainedModel {
  const bias = `${model.structure.prefix}ln_f.bias`;
  // The last node reading ln_f's bias is the LayerNorm's output (LayerNormalization, or the Add when spelled out).
  const ln = model.graph.nodes.filter((n) => n.inputs.includes(bias)).at(-1);
  if (ln === undefined)
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `${model.dir}: no final LayerNorm (${bias}) to read the hidden states from`,
    );
  const g = model.graph.clone();
  g.addNode('Identity', [ln.outputs[0]!], ['last_hidden_state'], {}, { name: 'nlpft/lm_body' });
  g.outputs = [
    {
      name: 'last_hidden_state',
      type: 'float32',
      shape: [undefined, undefined, model.structure.hiddenSize],
    },
  ];
  const { graph } = pruneGraph(g);
  return withTaskGraph(model, graph, 'feature-extraction', ['last_hidden_state']);
}
