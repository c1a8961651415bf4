import { existsSync } from 'node:fs';
import type LibsqlDatabase from 'libsql';
import { CliError } from '../cli/errors';
import type { RatingInput, ReviewItems, StoredRating } from './review-types';

/** The ratings of one items file in a SQLite database; every `save` is a transaction of its own. */
export interface RatingsDb {
  /** The database file. */
  readonly path: string;
  /**
   * Stores one rating, replacing the rater's earlier rating of the item, in one committed transaction (WAL,
   * `synchronous = FULL`): once it returns, a SIGKILL or a power cut loses nothing of it.
   * @throws {CliError} `INVALID_INPUT` for an item id the items file does not have, or specific without sensible.
   */
  save(rating: RatingInput): StoredRating;
  /** A rater's ratings, oldest first. */
  ratingsOf(rater: string): StoredRating[];
  /** Every rating, by rater then item id. */
  all(): StoredRating[];
  close(): void;
}

/** Options of {@link openRatingsDb}. */
export interface OpenRatingsDbOptions {
  /** Make the file when there is none (serving); the report needs an existing one. @defaultValue true */
  create?: boolean;
  /** Names the caller in messages. @defaultValue 'nlpft review' */
  where?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS review_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
  rater TEXT NOT NULL,
  item_id TEXT NOT NULL,
  sensible INTEGER NOT NULL CHECK (sensible IN (0, 1)),
  specific INTEGER NOT NULL CHECK (specific IN (0, 1)),
  comment TEXT NOT NULL DEFAULT '',
  rated_at TEXT NOT NULL,
  PRIMARY KEY (rater, item_id),
  CHECK (sensible = 1 OR specific = 0)
);`;

interface RatingRow {
  rater: string;
  item_id: string;
  sensible: number;
  specific: number;
  comment: string;
  rated_at: string;
}

const fromRow = (r: RatingRow): StoredRating => ({
  rater: r.rater,
  itemId: r.item_id,
  sensible: Number(r.sensible) === 1,
  specific: Number(r.specific) === 1,
  comment: r.comment,
  ratedAt: r.rated_at,
});

/** libsql is native code: loaded when a review starts, so the other commands (and `import '@nlpft/cli'`) never need it. */
async function loadLibsql(): Promise<typeof LibsqlDatabase> {
  return (await import('libsql')).default;
}

/**
 * Opens (or makes) the ratings database of an items file. A new database records the items file's SHA-256; an
 * existing one must have been made for the same file, so ratings are never silently mixed with other items.
 * @throws {CliError} `INVALID_INPUT` when the database belongs to another items file or is not a review
 *   database; `FILE_NOT_FOUND` when `create` is false and there is no file; `FILE_ERROR` when SQLite cannot
 *   open or write it (not a database, no permission).
 * @example const db = await openRatingsDb('ratings.sqlite', parseReviewItems(text, 'items.jsonl'));
 */
export async function openRatingsDb(
  path: string,
  items: ReviewItems,
  options: OpenRatingsDbOptions = {},
): Promise<RatingsDb> {
  const where = `${options.where ?? 'nlpft review'}: --db ${path}`;
  if (options.create === false && !existsSync(path)) {
    throw new CliError(
      'FILE_NOT_FOUND',
      `${where}: no file there; rate items first (without --report)`,
    );
  }
  const Database = await loadLibsql();
  let db: LibsqlDatabase.Database;
  try {
    db = new Database(path, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    // FULL syncs the WAL on every commit: a submitted rating survives a power cut, not only a killed process.
    db.pragma('synchronous = FULL');
  } catch (cause) {
    throw new CliError(
      'FILE_ERROR',
      `${where}: cannot open it as SQLite: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  try {
    checkOrInitialize(db, items, where);
  } catch (error) {
    db.close();
    throw error;
  }
  return ratingsDb(db, path, items, where);
}

function checkOrInitialize(db: LibsqlDatabase.Database, items: ReviewItems, where: string): void {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
  ).map((t) => t.name);
  if (tables.length > 0 && !tables.includes('review_meta')) {
    throw new CliError(
      'INVALID_INPUT',
      `${where}: not an nlpft review database (its tables: ${tables.join(', ')}); give a new file`,
    );
  }
  const init = db.transaction(() => {
    db.exec(SCHEMA);
    const row = db.prepare(`SELECT value FROM review_meta WHERE key = 'items_sha256'`).get() as
      { value: string } | undefined;
    if (row === undefined) {
      const put = db.prepare('INSERT INTO review_meta (key, value) VALUES (?, ?)');
      put.run('items_sha256', items.sha256);
      put.run('items_count', String(items.items.length));
      put.run('created_at', new Date().toISOString());
      return items.sha256;
    }
    return row.value;
  });
  let recorded: string;
  try {
    recorded = init.immediate();
  } catch (cause) {
    throw new CliError('FILE_ERROR', `${where}: cannot set it up: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (recorded !== items.sha256) {
    throw new CliError(
      'INVALID_INPUT',
      `${where}: holds ratings of another items file (sha256 ${recorded.slice(0, 12)}…, this one is ` +
        `${items.sha256.slice(0, 12)}…); use the items file it was made with, or a new --db`,
    );
  }
}

function ratingsDb(
  db: LibsqlDatabase.Database,
  path: string,
  items: ReviewItems,
  where: string,
): RatingsDb {
  const known = new Set(items.items.map((i) => i.id));
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO ratings (rater, item_id, sensible, specific, comment, rated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byRater = db.prepare('SELECT * FROM ratings WHERE rater = ? ORDER BY rated_at, item_id');
  const everything = db.prepare('SELECT * FROM ratings ORDER BY rater, item_id');
  const save = db.transaction((r: StoredRating) => {
    upsert.run(r.rater, r.itemId, r.sensible ? 1 : 0, r.specific ? 1 : 0, r.comment, r.ratedAt);
  });
  return {
    path,
    save(rating) {
      if (!known.has(rating.itemId)) {
        throw new CliError(
          'INVALID_INPUT',
          `${where}: no item ${JSON.stringify(rating.itemId)} in the items file`,
        );
      }
      if (!rating.sensible && rating.specific) {
        throw new CliError(
          'INVALID_INPUT',
          `${where}: item ${JSON.stringify(rating.itemId)}: specific but not sensible; an output that is not sensible is not specific`,
        );
      }
      const stored: StoredRating = { ...rating, ratedAt: new Date().toISOString() };
      try {
        save.immediate(stored);
      } catch (cause) {
        throw new CliError(
          'FILE_ERROR',
          `${where}: cannot save the rating: ${(cause as Error).message}`,
          {
            cause,
          },
        );
      }
      return stored;
    },
    ratingsOf: (rater) => (byRater.all(rater) as RatingRow[]).map(fromRow),
    all: () => (everything.all() as RatingRow[]).map(fromRow),
    close: () => void db.close(),
  };
}
