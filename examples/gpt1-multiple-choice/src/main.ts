// GPT-1 multiple choice (Radford et al. 2018, §3.3, figure 1): each answer becomes its own sequence
// `<start> context <delim> answer <extract>`, the batch is `[batch, numChoices, seq]`, a linear head reads the
// transformer state at the extract token, and a softmax over the choices picks the answer.
// The model is a tiny random-weight GPT-2 double-heads export (a test fixture of @nlpft/inference), so the
// probabilities show the mechanics, not knowledge: swap in your own fine-tuned export and tokenizer.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createSession, MultipleChoiceHead } from '@nlpft/inference';
import { formatQuestions, sequenceTokens, type Question } from './format-questions';
import { gptTokenizer, TASK_TOKENS } from './gpt-tokenizer';

const fixtures = new URL('../../../packages/inference/fixtures/', import.meta.url);
const vocab = JSON.parse(readFileSync(new URL('vocab.json', fixtures), 'utf8')) as string[];
const tokenizer = gptTokenizer(vocab);

const questions: Question[] = [
  {
    context: 'once upon a time there was an old king. the king lived in a big castle by the river.',
    answers: ['the king was happy.', 'the dog ran fast.', 'the movie was boring.'],
  },
  {
    context: 'the young woman read a book in the forest. it was a good story.',
    answers: ['the woman loved the book.', 'the woman hated the book.', 'paris is in france.'],
  },
];

// 1. Format and collate with @nlpft/task-inputs.
const { perQuestion, batch, mcTokenIds } = formatQuestions(tokenizer, questions);
console.log(
  `task tokens: ${Object.values(TASK_TOKENS)
    .map((t) => `${t}=${tokenizer.tokenToId(t)}`)
    .join(' ')}`,
);
for (const [q, input] of perQuestion.entries()) {
  console.log(`\nquestion ${q}: ${input.dims[0]} sequences of ${input.dims[1]} tokens`);
  input.ids.forEach((ids, c) => {
    console.log(
      `  [${c}] ${sequenceTokens(tokenizer, ids, input.attentionMask[c] ?? []).join(' ')}  (extract at ${input.extractIndex[c]})`,
    );
  });
}
console.log(
  `\ncollated: input_ids ${batch.input_ids.type} [${batch.input_ids.dims.join(', ')}], mc_token_ids [${mcTokenIds.dims.join(', ')}]`,
);

// 2. Score: once with the collated batch straight into the model, once with @nlpft/inference's MultipleChoiceHead
// (which formats each question from the tokenizer's `<start> A <delim> B` template plus the extract token).
const model = await createSession(fileURLToPath(new URL('gpt2-tiny-mc/model.onnx', fixtures)));
try {
  const out = await model.run({
    input_ids: batch.input_ids,
    attention_mask: batch.attention_mask,
    mc_token_ids: mcTokenIds,
  });
  const mcLogits = out['mc_logits']?.data as Float32Array;
  const head = new MultipleChoiceHead(model, tokenizer, {
    extractTokenId: tokenizer.tokenToId(TASK_TOKENS.extract) as number,
  });
  const results = await head.choose(
    questions.map((q) => ({ context: q.context, choices: q.answers })),
  );
  for (const [q, result] of results.entries()) {
    const n = questions[q]?.answers.length ?? 0;
    const direct = Array.from(mcLogits.subarray(q * n, (q + 1) * n));
    const gap = Math.max(...direct.map((v, c) => Math.abs(v - (result.scores[c] as number))));
    console.log(`\nquestion ${q}: "${questions[q]?.context}"`);
    questions[q]?.answers.forEach((a, c) => {
      const mark = c === result.index ? '  <- chosen' : '';
      console.log(
        `  p=${(result.probabilities[c] as number).toFixed(4)}  logit=${(result.scores[c] as number).toFixed(4)}  ${a}${mark}`,
      );
    });
    console.log(`  collated batch vs MultipleChoiceHead: max |Δ logit| = ${gap.toExponential(1)}`);
  }
} finally {
  await model.dispose();
}
