import { mapModelStructure } from '@nlpft/onnx';
import type { Graph } from '@nlpft/onnx';
import type { PretrainedModel, PretrainedTask } from '../pretrained/from-pretrained';

/** The model with another graph (a head added or cut), mapped again, and what that graph now computes. */
export function withTaskGraph(
  model: PretrainedModel,
  graph: Graph,
  task: PretrainedTask,
  outputs: readonly string[],
): PretrainedModel {
  const structure = mapModelStructure(graph);
  return {
    ...model,
    graph,
    structure,
    parameterNames: [...structure.parameters.keys()],
    task,
    outputs,
  };
}

/** The initializer_range of the config (HF's init std), else 0.02 as transformers' default. */
export function initializerRange(model: PretrainedModel): number {
  const v = model.config.raw['initializer_range'];
  return typeof v === 'number' && v > 0 ? v : 0.02;
}

/**
 * The dropout rate of a new head: HF's classifier dropout (`classifier_dropout`, DistilBERT's `seq_classif_dropout`,
 * GPT-2's `summary_first_dropout`), else the hidden dropout; 0 when the model was opened without dropout.
 */
export function headDropout(model: PretrainedModel): number {
  if (model.dropoutNodes === 0) return 0;
  const raw = model.config.raw;
  const rate = [
    raw['classifier_dropout'],
    raw['seq_classif_dropout'],
    raw['summary_first_dropout'],
  ].find((v): v is number => typeof v === 'number');
  return rate ?? model.config.dropout.attentionOutput ?? 0.1;
}
