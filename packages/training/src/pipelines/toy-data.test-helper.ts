// The toy language of @nlpft/test-utils with its WordPiece tokenizer, for the pipeline tests.
import { TINY, TOY_WORDPIECE, tempFolder, toyCorpus } from '@nlpft/test-utils';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';
import { pretrainLanguageModel } from './pretrain';

export { TINY, keywordTask, tempFolder, toyCorpus } from '@nlpft/test-utils';

/** The toy tokenizer, trained and loaded; `specialTokens` replaces the default BERT ones. */
export async function toyTokenizer(specialTokens?: readonly string[]): Promise<Tokenizer> {
  const json = await trainWordPiece([...TOY_WORDPIECE.corpus], {
    ...TOY_WORDPIECE.options,
    ...(specialTokens ? { specialTokens: [...specialTokens] } : {}),
  });
  return Tokenizer.fromJSON(json);
}

/** A 2-layer GPT-2 pre-trained (CLM, `steps` steps) on the toy corpus; the path of its `model.onnx`. */
export async function pretrainToyGpt2(tokenizer: Tokenizer, steps: number): Promise<string> {
  const r = await pretrainLanguageModel({
    objective: 'clm',
    tokenizer,
    train: toyCorpus(300, 1),
    heldOut: toyCorpus(40, 2),
    model: { ...TINY, layers: 2 },
    steps,
    batchSize: 16,
    learningRate: 1e-2,
    outputDir: tempFolder(),
  });
  return r.modelPath;
}
