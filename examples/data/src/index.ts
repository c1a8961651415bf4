export { loadSpamAssassin, messageBody, spamAssassinGroup } from './spam-assassin';
export type { Message, SpamAssassinGroup } from './spam-assassin';
export { MOBY_DICK_CHAPTERS, mobyDickChapter, mobyDickParagraphs } from './moby-dick';
export { trainTokenizer } from './train-tokenizer';
