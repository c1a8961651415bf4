/**
 * Writes the committed builder fixtures: tiny BERT and GPT-2 models made by our builder with fixed seeds, and the
 * fixed (padded) input batches the PyTorch twin runs. Regenerate (from the repository root):
 *   npx tsx packages/onnx/scripts/make-builder-fixtures.ts
 *   /usr/bin/python3 packages/onnx/scripts/builder_twin.py packages/onnx/fixtures/builder/<model>.onnx [--grad]
 * for each model listed at the end (the script prints the twin commands).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphToModel } from '../src/graph';
import { writeModelFile } from '../src/write-model';
import { BUILDER_FIXTURES } from '../src/builder/builder-fixtures';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'builder');
const commands: string[] = [];
for (const fixture of BUILDER_FIXTURES) {
  const path = join(dir, `${fixture.name}.onnx`);
  writeModelFile(path, graphToModel(fixture.build()));
  writeFileSync(join(dir, `${fixture.name}.inputs.json`), JSON.stringify(fixture.inputs) + '\n');
  commands.push(
    `/usr/bin/python3 packages/onnx/scripts/builder_twin.py packages/onnx/fixtures/builder/${fixture.name}.onnx${fixture.grad ? ' --grad' : ''}`,
  );
  console.log(`wrote ${path}`);
}
console.log(['now run the twin:', ...commands].join('\n'));
