import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../commands/run-nlpft.test-helper';
import { openRatingsDb } from './ratings-db';
import type { RatingsDb } from './ratings-db';
import type { RaterState } from './rater-state';
import { MAX_BODY_BYTES, startReviewServer } from './review-server';
import type { ReviewServer } from './review-server';
import { sixItems } from './test-items.test-helper';

let db: RatingsDb;
let server: ReviewServer;
beforeAll(async () => {
  db = await openRatingsDb(join(tempDir(), 'r.sqlite'), sixItems());
  server = await startReviewServer({ items: sixItems(), db, port: 0 });
});
afterAll(async () => {
  await server.close();
  db.close();
});

const url = (path: string): string => new URL(path, server.url).href;
const post = (body: string, type = 'application/json'): Promise<Response> =>
  fetch(url('/api/ratings'), { method: 'POST', headers: { 'content-type': type }, body });
const state = async (rater: string): Promise<RaterState> =>
  (await (await fetch(url(`/api/state?rater=${rater}`))).json()) as RaterState;

/** A raw request, to send a Host header fetch would not let us set. */
function rawGet(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/', headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the review server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The IPv6 loopback is another address: nothing listens there.
    const ipv6 = await new Promise<string>((resolve) => {
      const socket = connect({ host: '::1', port: server.port });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(ipv6).not.toBe('connected');
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await rawGet('evil.example:80');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({
      error: expect.stringContaining('unexpected Host "evil.example:80"'),
    });
    expect((await rawGet(`localhost:${server.port}`)).status).toBe(200);
  });

  it('asks for a name first, and refuses a bad one on the same screen', async () => {
    const first = await fetch(url('/'));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<input id="rater" name="rater"');
    const bad = await fetch(url('/?rater=%20ann'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Name has leading or trailing spaces.');
  });

  it('escapes hostile items and rater names: the page has no markup from them', async () => {
    const hostileName = encodeURIComponent('<b onmouseover="x">ann');
    const res = await fetch(url(`/?rater=${hostileName}`));
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'nonce-/,
    );
    for (const markup of ['<script>window', '<img', '<b>', '<b onmouseover', '</script>window'])
      expect(html).not.toContain(markup);
    expect(html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;ann');
    // The item texts travel as JSON in a non-executed element, with < > & as \u escapes …
    const json =
      /<script type="application\/json" id="review-state">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(json).toContain('\\u003cscript\\u003ewindow.__pwned = 1\\u003c/script\\u003e');
    // … and parse back to the exact text, which the page shows with textContent.
    const parsed = JSON.parse(json) as RaterState;
    expect(parsed.items.map((i) => i.prompt)).toContain(
      'Tell me a joke. <script>window.__pwned = 1</script>',
    );
    // Only two elements execute: the page's own script (with the nonce) and none from the items.
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('never sends system names or item ids to the browser', async () => {
    const page = await (await fetch(url('/?rater=ann'))).text();
    const api = JSON.stringify(await state('ann'));
    for (const text of [page, api]) {
      expect(text).not.toMatch(/alpha|beta/);
      expect(text).not.toMatch(/"(a|b)[123]"/);
    }
    expect(Object.keys((await state('ann')).items[0] ?? {}).sort()).toEqual([
      'key',
      'output',
      'prompt',
      'rating',
    ]);
  });

  it('shows each rater the items in their own seeded order', async () => {
    const ann = (await state('ann')).items.map((i) => i.key);
    const bob = (await state('bob')).items.map((i) => i.key);
    expect([...ann].sort()).toEqual([...bob].sort());
    expect(ann).not.toEqual(bob);
    expect((await state('ann')).items.map((i) => i.key)).toEqual(ann);
  });

  it('stores a rating and counts it in the progress', async () => {
    const key = (await state('cy')).items[0]!.key;
    const res = await post(
      JSON.stringify({ rater: 'cy', key, sensible: true, specific: false, comment: 'ok' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ saved: true, key, rated: 1, total: 6 });
    const after = await state('cy');
    expect(after.rated).toBe(1);
    expect(after.items[0]?.rating).toEqual({ sensible: true, specific: false, comment: 'ok' });
    expect(db.ratingsOf('cy')).toHaveLength(1);
  });

  it.each([
    ['bad JSON', '{"rater": "ann",', 400, 'rating: body is not JSON'],
    ['a list', '[]', 400, 'rating: expected a JSON object, got an array'],
    [
      'a missing field',
      '{"rater":"ann","key":"K","sensible":true}',
      400,
      'specific: expected true or false, got nothing',
    ],
    [
      'a wrong type',
      '{"rater":"ann","key":"K","sensible":"yes","specific":false}',
      400,
      'sensible: expected true or false, got "yes"',
    ],
    [
      'an unknown item',
      '{"rater":"ann","key":"nope","sensible":true,"specific":true}',
      400,
      'key: no item has key "nope"',
    ],
    [
      'an extra field',
      '{"rater":"ann","key":"K","sensible":true,"specific":true,"system":"alpha"}',
      400,
      'unexpected field "system"',
    ],
    ['no rater', '{"rater":"","key":"K","sensible":true,"specific":true}', 400, 'rater is empty'],
    [
      'specific without sensible',
      '{"rater":"ann","key":"K","sensible":false,"specific":true}',
      400,
      'an output that is not sensible is not specific',
    ],
    [
      'a comment that is not text',
      '{"rater":"ann","key":"K","sensible":true,"specific":true,"comment":5}',
      400,
      'comment: expected a string, got 5 (number)',
    ],
    [
      'an oversized body',
      JSON.stringify({
        rater: 'ann',
        key: 'K',
        sensible: true,
        specific: true,
        comment: 'x'.repeat(MAX_BODY_BYTES),
      }),
      413,
      `request body is over ${MAX_BODY_BYTES} bytes`,
    ],
  ])(
    'refuses %s with a 4xx and a JSON message, storing nothing',
    async (_, raw, status, message) => {
      const key = (await state('ann')).items[0]!.key;
      const before = db.all().length;
      const res = await post(raw.replace('"K"', JSON.stringify(key)));
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await res.json()) as { error: string }).error).toContain(message);
      expect(db.all().length).toBe(before);
    },
  );

  it('refuses a body that is not declared JSON (a cross-site form post) with 415', async () => {
    const res = await post('rater=ann', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: 'Content-Type must be application/json, got "application/x-www-form-urlencoded"',
    });
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const missing = await fetch(url('/admin'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no such page: /admin' });
    const wrong = await fetch(url('/api/ratings'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('says when the port is taken', async () => {
    await expect(startReviewServer({ items: sixItems(), db, port: server.port })).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: `nlpft review: --port: port ${server.port} is in use; pick another with --port, or --port 0 for any free one`,
      }),
    );
  });
});
