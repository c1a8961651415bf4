// Extractive question answering on a long context (SQuAD-style): the context is longer than the model's window, so
// it is cut into overlapping windows (doc stride); the answer's character span becomes token positions in every
// window that holds it, and token positions map back to characters through the offsets. Then @nlpft/inference's
// QuestionAnswerer runs the same windowing and returns the best spans over all windows.
// The QA model is `packages/inference/fixtures/bert-tiny-qa`: a tiny BERT (64 positions) with RANDOM weights, so
// its spans show the mechanics (windows compete, spans map to characters), not reading comprehension.
import { fileURLToPath } from 'node:url';
import { createSession, QuestionAnswerer } from '@nlpft/inference';
import { answerWindows, charSpan, windowSpan } from './answer-windows';
import { mobyDickParagraphs, trainTokenizer } from '@nlpft-examples/data';

const paragraphs = mobyDickParagraphs(20);
const tokenizer = await trainTokenizer(paragraphs, 1000);
// Chapter 1's first two paragraphs: one long context.
const context = paragraphs.slice(0, 2).join('\n\n');
const windowing = { maxLength: 64, docStride: 16 };
console.log(
  `context: ${context.length} characters, ${tokenizer.encode(context, null, { addSpecialTokens: false }).ids.length} tokens`,
);
console.log(
  `windows: ${windowing.maxLength} tokens, ${windowing.docStride} tokens of context shared between neighbours\n`,
);

const questions = [
  { question: 'What does the narrator ask to be called?', answer: 'Ishmael' },
  { question: 'Which insular city is described?', answer: 'city of the Manhattoes' },
];

for (const { question, answer } of questions) {
  const start = context.indexOf(answer);
  const features = answerWindows(tokenizer, question, context, { start, text: answer }, windowing);
  console.log(`Q: ${question}`);
  console.log(`   answer "${answer}" at characters [${start}, ${start + answer.length})`);
  console.log(`   ${features.length} windows; context characters each covers:`);
  console.log(`   ${features.map((f) => windowSpan(f).join('-')).join(' ')}`);
  for (const f of features) {
    if (f.startPosition === f.clsIndex) continue;
    const [s, e] = charSpan(f, f.startPosition as number, f.endPosition as number);
    const tokens = f.ids
      .slice(f.startPosition, (f.endPosition as number) + 1)
      .map((id) => tokenizer.idToToken(id))
      .join(' ');
    console.log(
      `   window ${f.windowIndex} holds it: tokens ${f.startPosition}..${f.endPosition} (${tokens}) -> chars [${s}, ${e}) "${context.slice(s, e)}"`,
    );
  }
  const others = features.filter((f) => f.startPosition === f.clsIndex).length;
  console.log(
    `   the other ${others} windows: start = end = [CLS] position ${features[0]?.clsIndex} ("no answer here")`,
  );
  console.log('');
}

const model = await createSession(
  fileURLToPath(
    new URL('../../../packages/inference/fixtures/bert-tiny-qa/model.onnx', import.meta.url),
  ),
);
try {
  const qa = new QuestionAnswerer(model, tokenizer);
  for (const { question } of questions) {
    const best = await qa.answer(question, context, { ...windowing, topK: 3, maxAnswerLength: 8 });
    console.log(`QuestionAnswerer, "${question}" (random-weight model):`);
    for (const a of best)
      console.log(`   ${a.score.toFixed(4)}  [${a.start}, ${a.end})  "${a.answer}"`);
  }
} finally {
  await model.dispose();
}
