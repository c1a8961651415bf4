import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../commands/run-nlpft.test-helper';
import { openRatingsDb } from './ratings-db';
import { parseReviewItems } from './review-items';
import type { RatingInput, StoredRating } from './review-types';
import { SIX_ITEMS_JSONL, sixItems } from './test-items.test-helper';

const rating = (itemId: string, sensible: boolean, specific: boolean, comment = '') => ({
  rater: 'ann',
  itemId,
  sensible,
  specific,
  comment,
});

/** A stored rating without its time, to compare with what was saved. */
const withoutTime = (r: StoredRating): RatingInput => ({
  rater: r.rater,
  itemId: r.itemId,
  sensible: r.sensible,
  specific: r.specific,
  comment: r.comment,
});

describe('openRatingsDb', () => {
  it('makes a WAL-mode SQLite file that records the items hash', async () => {
    const path = join(tempDir(), 'r.sqlite');
    const db = await openRatingsDb(path, sixItems());
    db.close();
    const raw = new Database(path);
    // libsql's get() adds a `_metadata` field; compare the column.
    expect(raw.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(
      raw.prepare("SELECT value FROM review_meta WHERE key = 'items_sha256'").get(),
    ).toMatchObject({
      value: sixItems().sha256,
    });
    raw.close();
  });

  it('commits each save at once: another connection sees it while the first is still open', async () => {
    const path = join(tempDir(), 'r.sqlite');
    const db = await openRatingsDb(path, sixItems());
    db.save(rating('a1', true, true, 'fine'));
    expect(existsSync(`${path}-wal`)).toBe(true);
    const other = new Database(path);
    expect(
      other.prepare('SELECT rater, item_id, sensible, specific, comment FROM ratings').all(),
    ).toEqual([{ rater: 'ann', item_id: 'a1', sensible: 1, specific: 1, comment: 'fine' }]);
    other.close();
    db.close();
  });

  it("replaces the rater's earlier rating of an item, leaving other raters' rows alone", async () => {
    const path = join(tempDir(), 'r.sqlite');
    const db = await openRatingsDb(path, sixItems());
    db.save(rating('a1', true, true, 'first'));
    db.save({ ...rating('a1', true, true), rater: 'bob' });
    db.save(rating('a1', false, false, 'second thoughts'));
    expect(db.all().map(withoutTime)).toEqual([
      rating('a1', false, false, 'second thoughts'),
      { ...rating('a1', true, true), rater: 'bob' },
    ]);
    expect(db.ratingsOf('ann')).toHaveLength(1);
    db.close();
    // And it is on disk: a reopened database has the same rows.
    const again = await openRatingsDb(path, sixItems());
    expect(again.all()).toHaveLength(2);
    again.close();
  });

  it('writes nothing for a refused save (unknown item, specific without sensible)', async () => {
    const db = await openRatingsDb(join(tempDir(), 'r.sqlite'), sixItems());
    db.save(rating('a2', true, false));
    expect(() => db.save(rating('zz', true, true))).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('no item "zz"'),
      }),
    );
    expect(() => db.save(rating('a2', false, true))).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('specific but not sensible'),
      }),
    );
    expect(db.all().map((r) => [r.itemId, r.sensible, r.specific])).toEqual([['a2', true, false]]);
    db.close();
  });

  it('rolls the transaction back when SQLite refuses the row', async () => {
    const path = join(tempDir(), 'r.sqlite');
    const db = await openRatingsDb(path, sixItems());
    db.save(rating('a3', true, true));
    // A trigger that fails inside the INSERT: the save must raise and leave the earlier row as it was.
    const raw = new Database(path);
    raw.exec(
      "CREATE TRIGGER no_more BEFORE INSERT ON ratings BEGIN SELECT RAISE(ABORT, 'full'); END",
    );
    raw.close();
    expect(() => db.save(rating('a3', false, false))).toThrow(
      expect.objectContaining({
        code: 'FILE_ERROR',
        message: expect.stringContaining('cannot save the rating: full'),
      }),
    );
    expect(db.all().map((r) => [r.itemId, r.sensible, r.specific])).toEqual([['a3', true, true]]);
    db.close();
  });

  it('refuses a database made for another items file', async () => {
    const path = join(tempDir(), 'r.sqlite');
    (await openRatingsDb(path, sixItems())).close();
    const other = parseReviewItems(SIX_ITEMS_JSONL.replace('Paris.', 'Lyon.'), 'other.jsonl');
    await expect(openRatingsDb(path, other)).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(
          `holds ratings of another items file (sha256 ${sixItems().sha256.slice(0, 12)}…, this one is ${other.sha256.slice(0, 12)}…)`,
        ),
      }),
    );
  });

  it('refuses a SQLite database of something else, and a file that is not SQLite', async () => {
    const dir = tempDir();
    const foreign = new Database(join(dir, 'other.sqlite'));
    foreign.exec('CREATE TABLE users (name TEXT)');
    foreign.close();
    await expect(openRatingsDb(join(dir, 'other.sqlite'), sixItems())).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('not an nlpft review database (its tables: users)'),
      }),
    );
    writeFileSync(
      join(dir, 'text.sqlite'),
      'just some text, long enough to be read as a header page...'.repeat(20),
    );
    await expect(openRatingsDb(join(dir, 'text.sqlite'), sixItems())).rejects.toThrow(
      expect.objectContaining({
        code: 'FILE_ERROR',
        message: expect.stringContaining('text.sqlite'),
      }),
    );
  });

  it('with create: false, names the missing file instead of making one', async () => {
    const path = join(tempDir(), 'none.sqlite');
    await expect(openRatingsDb(path, sixItems(), { create: false })).rejects.toThrow(
      expect.objectContaining({
        code: 'FILE_NOT_FOUND',
        message: expect.stringContaining(`--db ${path}: no file there`),
      }),
    );
  });
});
