import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphToModel, mergeLora, pruneGraph, writeModel } from '@nlpft/onnx';
import type { Graph } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import { writeFileAtomic } from '../write-file-atomic';
import type { PretrainedModel } from './from-pretrained';

/** Tokenizer files of a Hugging Face folder, copied as they are. */
const TOKENIZER_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.txt',
  'vocab.json',
  'merges.txt',
];

/** Options of {@link savePretrained}. */
export interface SavePretrainedOptions {
  /** Label names by class id, written as `id2label` / `label2id`. @defaultValue the source config's */
  id2label?: readonly string[];
  /** Model outputs to keep. @defaultValue the outputs of the source export */
  outputs?: readonly string[];
  /**
   * Fold LoRA updates into their weights (PEFT's `merge_and_unload`), so the folder is the plain architecture; false
   * keeps `*.lora_A` / `*.lora_B` as separate tensors in the graph. Adapters, prefixes and FL units always stay.
   * @defaultValue true
   */
  mergeLora?: boolean;
}

/**
 * Writes a fine-tuned model as a Hugging Face model folder, as `save_pretrained` does: `config.json` (the source
 * config, with the new `id2label`), the source folder's tokenizer files, and `onnx/model.onnx` in inference form —
 * the export's outputs only (loss and labels cut away), no Dropout nodes, GPT-2's LM head still a view of `wte`.
 * Each file is written atomically, so an interrupted save leaves every file whole (old or new).
 * @param model what {@link fromPretrained} opened (config and source folder).
 * @param graph the trained graph, e.g. `OnnxTrainable.toGraph()`.
 * @throws {TrainingError} `INVALID_OPTION` when the graph lacks an output to keep or id2label is empty.
 * @example savePretrained(model, trainable.toGraph(), 'out/bert-sst2', { id2label: ['negative', 'positive'] });
 */
export function savePretrained(
  model: Pick<PretrainedModel, 'dir' | 'config' | 'outputs'>,
  graph: Graph,
  dir: string,
  options: SavePretrainedOptions = {},
): void {
  const outputs = options.outputs ?? model.outputs;
  const g = (options.mergeLora ?? true) ? mergeLora(graph).graph.clone() : graph.clone();
  for (const name of outputs)
    if (!g.outputs.some((o) => o.name === name))
      throw new TrainingError(
        'INVALID_OPTION',
        `savePretrained: the graph has no output '${name}' (it has ${g.outputs.map((o) => `'${o.name}'`).join(', ')})`,
      );
  g.outputs = g.outputs.filter((o) => outputs.includes(o.name));
  removeDropout(g);
  const { graph: lean } = pruneGraph(g, { dropUnusedInputs: true });
  const config: Record<string, unknown> = { ...model.config.raw };
  if (options.id2label !== undefined) {
    if (options.id2label.length === 0)
      throw new TrainingError(
        'INVALID_OPTION',
        'savePretrained: id2label must name at least one label',
      );
    config['id2label'] = Object.fromEntries(options.id2label.map((l, i) => [String(i), l]));
    config['label2id'] = Object.fromEntries(options.id2label.map((l, i) => [l, i]));
  }
  for (const file of TOKENIZER_FILES) {
    const from = join(model.dir, file);
    if (existsSync(from)) writeFileAtomic(join(dir, file), readFileSync(from));
  }
  writeFileAtomic(join(dir, 'onnx', 'model.onnx'), writeModel(graphToModel(lean)));
  // config.json last: a folder with a config is a complete one.
  writeFileAtomic(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** Dropout is the identity at inference: read its input directly and drop the node. */
function removeDropout(g: Graph): void {
  const alias = new Map<string, string>();
  g.nodes = g.nodes.filter((n) => {
    if (n.opType !== 'Dropout' || n.domain !== '') return true;
    if (n.outputs[1] !== undefined && n.outputs[1] !== '') return true; // the mask is read: keep it
    alias.set(n.outputs[0]!, n.inputs[0]!);
    return false;
  });
  const resolve = (v: string): string => {
    let x = v;
    while (alias.has(x)) x = alias.get(x)!;
    return x;
  };
  for (const n of g.nodes) n.inputs = n.inputs.map(resolve);
  // A graph output produced by a Dropout keeps its name through an Identity.
  for (const o of g.outputs)
    if (alias.has(o.name)) g.addNode('Identity', [resolve(o.name)], [o.name]);
}
