import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../cli/errors';
import type { RatingsDb } from './ratings-db';
import { raterNameProblem } from './rater-name';
import { itemsByKey, raterState } from './rater-state';
import { parseRatingSubmission } from './rating-submission';
import { raterScreenHtml, reviewPageHtml } from './review-page';
import type { ReviewItems } from './review-types';

/** The only address the review server listens on: ratings and items never leave this machine. */
export const REVIEW_HOST = '127.0.0.1';

/** Largest request body accepted (bytes); a rating with a 4000-character comment fits. */
export const MAX_BODY_BYTES = 32 * 1024;

/** Options of {@link startReviewServer}. */
export interface ReviewServerOptions {
  readonly items: ReviewItems;
  readonly db: RatingsDb;
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Where unexpected server errors are reported (a 500 is sent too). @defaultValue nothing */
  readonly onError?: (error: unknown) => void;
}

/** A running review server. */
export interface ReviewServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and ends the open ones. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string, nonce: string): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    // Only the page's own script and style run, and it can talk to this server alone: an item that slipped
    // past escaping still could not load or send anything.
    'content-security-policy':
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
      "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}

/** Reads the body up to {@link MAX_BODY_BYTES}; past that, drains the rest and answers 413. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // A client that keeps sending after 1 MiB is not a browser posting a rating.
      if (size > 1024 * 1024) req.destroy(new HttpError(413, 'request body is over 1 MiB'));
    });
    req.on('end', () => {
      if (tooLarge)
        reject(
          new HttpError(
            413,
            `request body is over ${MAX_BODY_BYTES} bytes; a rating is far smaller`,
          ),
        );
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Serves the blind review app on 127.0.0.1 only: `GET /` (the name screen, or `?rater=NAME`'s review page),
 * `GET /api/state?rater=NAME` (that page's data as JSON) and `POST /api/ratings` (one rating, stored in its own
 * transaction before the answer). Items reach the browser by opaque key, without id or system. A request with
 * a foreign `Host` or `Origin` (DNS rebinding, another site's form) is refused with 403; a malformed rating
 * gets a 4xx with `{"error": "..."}` saying what is wrong.
 * @throws {CliError} `INVALID_OPTION` when the port is taken or cannot be used.
 * @example const server = await startReviewServer({ items, db, port: 0 }); console.log(server.url);
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const { items, db } = options;
  const byKey = itemsByKey(items);
  let port = 0;

  const checkRater = (name: unknown): string => {
    const problem = raterNameProblem(name);
    if (problem !== null) throw new HttpError(400, `rater ${problem}`);
    return name as string;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowed = new Set([`${REVIEW_HOST}:${port}`, `localhost:${port}`]);
    if (!allowed.has(req.headers.host ?? ''))
      throw new HttpError(
        403,
        `unexpected Host ${JSON.stringify(req.headers.host ?? '')}; open ${REVIEW_HOST}:${port}`,
      );
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin.replace(/^http:\/\//, '')))
      throw new HttpError(403, `requests from ${JSON.stringify(origin)} are not accepted`);
    const url = new URL(req.url ?? '/', `http://${REVIEW_HOST}:${port}`);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const nonce = randomBytes(16).toString('base64');
    switch (route) {
      case 'GET /': {
        const name = url.searchParams.get('rater');
        if (name === null) return sendHtml(res, 200, raterScreenHtml(nonce), nonce);
        const problem = raterNameProblem(name);
        if (problem !== null) return sendHtml(res, 400, raterScreenHtml(nonce, problem), nonce);
        return sendHtml(
          res,
          200,
          reviewPageHtml(raterState(items, name, db.ratingsOf(name)), nonce),
          nonce,
        );
      }
      case 'GET /api/state': {
        const name = checkRater(url.searchParams.get('rater') ?? '');
        return sendJson(res, 200, raterState(items, name, db.ratingsOf(name)));
      }
      case 'POST /api/ratings': {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'application/json') {
          req.resume();
          throw new HttpError(
            415,
            `Content-Type must be application/json, got ${JSON.stringify(type ?? '')}`,
          );
        }
        const text = await readBody(req);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (cause) {
          throw new HttpError(400, `rating: body is not JSON: ${(cause as Error).message}`);
        }
        const submission = parseRatingSubmission(body);
        const item = byKey.get(submission.key);
        if (item === undefined)
          throw new HttpError(
            400,
            `rating: key: no item has key ${JSON.stringify(submission.key)}`,
          );
        db.save({
          rater: submission.rater,
          itemId: item.id,
          sensible: submission.sensible,
          specific: submission.specific,
          comment: submission.comment,
        });
        const rated = db.ratingsOf(submission.rater).length;
        return sendJson(res, 200, {
          saved: true,
          key: submission.key,
          rated,
          total: items.items.length,
        });
      }
      default: {
        const known = ['/', '/api/state', '/api/ratings'];
        if (known.includes(url.pathname)) {
          req.resume();
          res.setHeader('allow', url.pathname === '/api/ratings' ? 'POST' : 'GET');
          throw new HttpError(405, `${req.method ?? ''} is not allowed on ${url.pathname}`);
        }
        throw new HttpError(404, `no such page: ${url.pathname}`);
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      if (error instanceof CliError && error.code === 'INVALID_INPUT')
        return sendJson(res, 400, { error: error.message });
      options.onError?.(error);
      sendJson(res, 500, {
        error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${options.port ?? 0} is in use; pick another with --port, or --port 0 for any free one`
          : error.message;
      reject(new CliError('INVALID_OPTION', `nlpft review: --port: ${hint}`, { cause: error }));
    });
    server.listen(options.port ?? 0, REVIEW_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${REVIEW_HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
