import { graphFromModel, readModelFile } from '@nlpft/onnx';
import type { Graph } from '@nlpft/onnx';
import { TrainingError } from '../errors';

/**
 * Copies the weights of a pre-trained model (a `model.onnx` of {@link pretrainLanguageModel}) whose names start
 * with one of `prefixes` into `graph`, in place: the body a fine-tuned model takes over.
 * @throws {TrainingError} MODEL_MISMATCH when a weight is missing from the file or has another size.
 */
export function loadBody(graph: Graph, path: string, prefixes: readonly string[]): void {
  const pretrained = graphFromModel(readModelFile(path)).initializers;
  for (const [name, t] of graph.initializers) {
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    const source = pretrained.get(name);
    if (source === undefined || source.data.length !== t.data.length)
      throw new TrainingError(
        'MODEL_MISMATCH',
        `${path}: body weight '${name}' is ${source === undefined ? 'missing' : `[${source.dims.join(', ')}], the model needs [${t.dims.join(', ')}]`}`,
      );
    graph.initializers.set(name, { ...t, data: Float32Array.from(source.data as Float32Array) });
  }
}
