import type { GenerationSection } from '@nlpft/cli';
import {
  CausalLmScorer,
  TextGenerator,
  chooseByLikelihood,
  createSession,
  withoutSpecialTokens,
} from '@nlpft/inference';
import { corpusBleu, corpusRouge } from '@nlpft/metrics';
import type { Tokenizer } from '@nlpft/tokenizers';
import { SeededRng } from '@nlpft/training';

/** Sentences of held-out paragraphs, long enough to be a question or a continuation. */
function sentences(paragraphs: readonly string[]): string[][] {
  return paragraphs
    .map((p) => p.split(/(?<=[.!?])\s+(?=[A-Z"'])/).filter((s) => s.split(' ').length >= 5))
    .filter((s) => s.length >= 2);
}

/** The largest cut ≤ `n` that does not split a word (the token after it is not a `##` continuation). */
function wordCut(tokenizer: Tokenizer, ids: readonly number[], n: number): number {
  let cut = Math.min(n, ids.length);
  while (cut > 1 && cut < ids.length && tokenizer.idToToken(ids[cut]!)?.startsWith('##')) cut--;
  return cut;
}

/** At most `n` tokens of the raw encoding, ending at a word boundary, decoded back to text. */
function firstTokens(tokenizer: Tokenizer, text: string, n: number): string {
  const ids = tokenizer.encode(text, null, { addSpecialTokens: false }).ids;
  return tokenizer.decode(ids.slice(0, wordCut(tokenizer, ids, n)));
}

/**
 * GPT-2 downstream checks on held-out text: (1) next-sentence multiple choice — the true next sentence among four
 * (three from other paragraphs), each cut to 12 tokens, picked by mean log-likelihood, chance 0.25; (2) greedy
 * 20-token continuations of a sentence's first 10 tokens, scored by BLEU and ROUGE against the real next 20 tokens;
 * plus samples to read. Everything fits the model's 32 positions.
 */
export async function generationStage(
  modelPath: string,
  tokenizer: Tokenizer,
  heldOut: readonly string[],
  questions: number,
  generations: number,
): Promise<GenerationSection> {
  const session = await createSession(modelPath);
  // The GPT-2 was trained on raw token blocks: encode without [CLS]/[SEP] for scoring and generation.
  const tok = withoutSpecialTokens(tokenizer);
  const scorer = new CausalLmScorer(session, tok);
  const generator = new TextGenerator(session, tok);
  const rng = new SeededRng(7);
  const groups = rng.shuffle(sentences(heldOut));
  const sep = tokenizer.tokenToId('[SEP]')!;
  try {
    let correct = 0;
    let asked = 0;
    for (let i = 0; i < groups.length && asked < questions; i++) {
      const group = groups[i]!;
      const at = rng.int(group.length - 1);
      const context = firstTokens(tokenizer, group[at]!, 12);
      const answer = firstTokens(tokenizer, group[at + 1]!, 12);
      const distractors = [1, 2, 3].map((k) => {
        const other = groups[(i + k * 7) % groups.length]!;
        return firstTokens(tokenizer, other[rng.int(other.length)]!, 12);
      });
      const choices = rng.shuffle([answer, ...distractors]);
      const result = await chooseByLikelihood(scorer, { context, choices });
      if (choices[result.index] === answer) correct++;
      asked++;
    }
    const prompts: { prompt: string; reference: string }[] = [];
    for (const group of groups) {
      if (prompts.length >= generations) break;
      const ids = tokenizer.encode(group[0]!, null, { addSpecialTokens: false }).ids;
      if (ids.length < 30) continue;
      const cut = wordCut(tokenizer, ids, 10);
      const end = wordCut(tokenizer, ids, cut + 20);
      prompts.push({
        prompt: tokenizer.decode(ids.slice(0, cut)),
        reference: tokenizer.decode(ids.slice(cut, end)),
      });
    }
    const samples = [];
    for (const p of prompts) {
      const out = await generator.generate(p.prompt, {
        maxNewTokens: 20,
        stopTokenIds: [sep],
        repetitionPenalty: 1.2,
      });
      samples.push({ ...p, generated: out.text });
    }
    const bleu = corpusBleu(
      samples.map((s) => s.generated),
      [samples.map((s) => s.reference)],
    );
    const rouge = corpusRouge(
      samples.map((s) => s.reference),
      samples.map((s) => s.generated),
      { rougeTypes: ['rouge1', 'rouge2', 'rougeL'] },
    );
    return {
      multipleChoice: { accuracy: correct / asked, n: asked, choices: 4, chance: 0.25 },
      bleu: { score: bleu.score, signature: bleu.signature },
      rouge: {
        rouge1: rouge.mean['rouge1']!.fmeasure,
        rouge2: rouge.mean['rouge2']!.fmeasure,
        rougeL: rouge.mean['rougeL']!.fmeasure,
      },
      samples: samples.slice(0, 10),
    };
  } finally {
    await session.dispose();
  }
}
