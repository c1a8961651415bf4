import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateFromPostProcessor } from '@nlpft/task-inputs';
import type { PairTemplate } from '@nlpft/task-inputs';
import type { PretrainedModel } from '../pretrained/from-pretrained';

/** Where the folder's tokenizer puts its special tokens (its tokenizer.json post-processor), for @nlpft/task-inputs. */
export function pairTemplateOf(model: PretrainedModel): PairTemplate {
  const path = join(model.dir, 'tokenizer.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as { post_processor?: unknown };
  return templateFromPostProcessor(json.post_processor ?? null, `${path}: post_processor`);
}
