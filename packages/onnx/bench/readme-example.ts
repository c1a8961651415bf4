// The README's usage example, run as written: `npx tsx bench/readme-example.ts`.
import {
  addCausalLmLoss,
  buildGpt2,
  createGradientSession,
  graphFromModel,
  graphToModel,
  readModelFile,
  tensorToTypedArray,
  writeModelFile,
} from '../src/index';

// 1. A tiny GPT-2 from the builder, with the causal-LM loss on its own inputs.
const graph = buildGpt2(
  { vocabSize: 64, hidden: 32, layers: 2, heads: 4, maxPositions: 16 },
  { seed: 1 },
);
addCausalLmLoss(graph, 'logits', { labels: 'input_ids' });

// 2. One onnxruntime session computes the loss and the gradients; freeze the bottom block.
const runner = await createGradientSession(graph, {
  trainable: (name) => !name.startsWith('transformer.h.0.'),
  seed: 0,
});
console.log(
  runner.parameters.size,
  'trainable tensors; batch inputs',
  runner.batchInputs.map((i) => i.name),
);

const ids = BigInt64Array.from([5, 9, 12, 5, 9, 12, 5, 9, 3, 7, 3, 7, 3, 7, 3, 7], BigInt);
const batch = {
  input_ids: { data: ids, dims: [2, 8] },
  attention_mask: { data: new BigInt64Array(16).fill(1n), dims: [2, 8] },
};
for (let step = 0; step < 5; step++) {
  const { loss, gradients } = await runner.step(batch);
  for (const [name, w] of runner.parameters) {
    const g = gradients.get(name)!;
    for (let i = 0; i < w.length; i++) w[i]! -= 0.2 * g[i]!; // plain SGD, in place
  }
  console.log(`step ${step}: loss ${loss.toFixed(4)}`);
}
await runner.dispose();

// 3. Model IO: write with external data, read back, view a tensor without copying.
writeModelFile('/tmp/onnx-readme/gpt2.onnx', graphToModel(graph), {
  externalData: { location: 'gpt2.onnx.data' },
});
const model = readModelFile('/tmp/onnx-readme/gpt2.onnx');
const wte = model.graph!.initializer.find((t) => t.name === 'transformer.wte.weight')!;
console.log(
  wte.dims,
  tensorToTypedArray(wte).constructor.name,
  graphFromModel(model).nodes.length,
  'nodes',
);
