/** Where progress goes: `process.stderr`, or a fake stream in tests. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressOptions {
  /** Units of work expected (lines, steps, bytes); `undefined` or 0 when unknown (no percentage or ETA). */
  readonly total: number | undefined;
  /** What is being done, printed first (`tokenize`, `train`). */
  readonly label: string;
  /** @defaultValue `process.stderr` */
  readonly stream?: ProgressStream;
  /** Clock in milliseconds. @defaultValue `Date.now` */
  readonly now?: () => number;
  /** Draw a bar redrawn in place with `\r` (terminal) or print whole lines (logs, CI). @defaultValue `stream.isTTY` */
  readonly tty?: boolean;
  /** Off a terminal: print a line each time this fraction of `total` is passed. @defaultValue `0.1` */
  readonly lineEveryFraction?: number;
  /** Off a terminal: print a line at least this often while work goes on. @defaultValue `5000` */
  readonly lineEveryMs?: number;
  /** On a terminal: redraw at most this often. @defaultValue `100` */
  readonly redrawEveryMs?: number;
  /** Characters of the bar. @defaultValue `24` */
  readonly barWidth?: number;
}

/**
 * One structured progress event: `step` units done of `total`, with what a training run knows. `TrainerProgress`
 * from @nlpft/training (its `onProgress`) has this shape.
 */
export interface ProgressEvent {
  /** Units done so far (absolute, not an increment). */
  readonly step: number;
  readonly total?: number;
  readonly loss?: number;
  readonly learningRate?: number;
  /** Seconds left as the producer estimates them; without it the reporter's own linear estimate. */
  readonly etaSeconds?: number;
}

/** `loss 0.1234 lr 1.00e-3`: the training numbers of an event, for the text after the ETA. */
export function formatProgressExtra(event: ProgressEvent): string | undefined {
  const parts: string[] = [];
  if (event.loss !== undefined) parts.push(`loss ${event.loss.toFixed(4)}`);
  if (event.learningRate !== undefined) parts.push(`lr ${event.learningRate.toExponential(2)}`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** `m:ss`, or `h:mm:ss` from an hour on. The one duration format of progress and summaries. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `1234`, `12.3k`, `4.56M`: short counts for the bar's rate. */
function shortNumber(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return n >= 100 ? n.toFixed(0) : n.toPrecision(3);
}

/**
 * Progress of a long job with its ETA (linear: elapsed / done × remaining). On a terminal, one bar redrawn in place
 * (`\r`, at most every 100 ms); elsewhere (logs, CI), one plain line each 10 % of the total or every 5 s.
 * @example
 * const progress = new ProgressReporter({ total: steps, label: 'finetune' });
 * for (let step = 1; step <= steps; step++) progress.tick(1, `loss ${loss.toFixed(3)}`);
 * progress.done();
 */
export class ProgressReporter {
  readonly #total: number | undefined;
  readonly #label: string;
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #tty: boolean;
  readonly #lineEveryFraction: number;
  readonly #lineEveryMs: number;
  readonly #redrawEveryMs: number;
  readonly #barWidth: number;
  readonly #start: number;
  #count = 0;
  #lastWrite: number;
  #lastBucket = 0;
  #finished = false;

  constructor(options: ProgressOptions) {
    const total = options.total;
    this.#total = total !== undefined && total > 0 && Number.isFinite(total) ? total : undefined;
    this.#label = options.label;
    this.#stream = options.stream ?? process.stderr;
    this.#now = options.now ?? Date.now;
    this.#tty = options.tty ?? this.#stream.isTTY === true;
    this.#lineEveryFraction = options.lineEveryFraction ?? 0.1;
    this.#lineEveryMs = options.lineEveryMs ?? 5000;
    this.#redrawEveryMs = options.redrawEveryMs ?? 100;
    this.#barWidth = options.barWidth ?? 24;
    this.#start = this.#now();
    // Off a terminal the first line waits for the first 10 % (or 5 s), so short jobs stay quiet.
    this.#lastWrite = this.#tty ? -Infinity : this.#start;
  }

  /** Units done so far. */
  get count(): number {
    return this.#count;
  }

  /** Adds `n` units of work done; `extra` (a loss, a rate) is shown after the ETA. Ignored after {@link done}. */
  tick(n = 1, extra?: string): void {
    this.#advance(n, extra, undefined);
  }

  /**
   * Moves to `event.step` units done and shows its loss and learning rate after the ETA, which is the event's
   * `etaSeconds` when it has one. Throttled like {@link tick}; ignored after {@link done}.
   * @example trainer options: `onProgress: (p) => progress.report(p)`
   */
  report(event: ProgressEvent): void {
    const etaMs = event.etaSeconds !== undefined ? event.etaSeconds * 1000 : undefined;
    this.#advance(event.step - this.#count, formatProgressExtra(event), etaMs);
  }

  #advance(n: number, extra: string | undefined, etaMs: number | undefined): void {
    if (this.#finished) return;
    this.#count += n;
    const now = this.#now();
    if (this.#tty) {
      if (now - this.#lastWrite >= this.#redrawEveryMs || this.#count === this.#total) {
        this.#redraw(now, extra, etaMs);
      }
      return;
    }
    const bucket =
      this.#total === undefined
        ? 0
        : Math.floor(Math.min(1, this.#count / this.#total) / this.#lineEveryFraction + 1e-9);
    if (bucket > this.#lastBucket || now - this.#lastWrite >= this.#lineEveryMs) {
      this.#lastBucket = Math.max(this.#lastBucket, bucket);
      this.#line(now, extra, etaMs);
    }
  }

  /** Ends the report with the elapsed time: a last redraw and a newline on a terminal, a last line elsewhere. */
  done(extra?: string): void {
    if (this.#finished) return;
    this.#finished = true;
    const now = this.#now();
    const counts = this.#total === undefined ? `${this.#count}` : `${this.#count}/${this.#total}`;
    const text = `${this.#label}: ${counts} done in ${formatDuration(now - this.#start)}${extra ? ` ${extra}` : ''}`;
    this.#stream.write(this.#tty ? `\r${text}\x1b[K\n` : `${text}\n`);
  }

  /** `ETA m:ss` from the rate so far (or `etaMs`); `ETA ?` before any work or without a total. */
  #eta(now: number, etaMs: number | undefined): string {
    if (etaMs !== undefined && Number.isFinite(etaMs)) return `ETA ${formatDuration(etaMs)}`;
    const elapsed = now - this.#start;
    if (this.#total === undefined || this.#count <= 0 || elapsed <= 0) return 'ETA ?';
    const remaining = Math.max(0, this.#total - this.#count);
    return `ETA ${formatDuration((elapsed / this.#count) * remaining)}`;
  }

  #percent(): string {
    return this.#total === undefined
      ? ''
      : ` (${Math.floor((100 * Math.min(this.#count, this.#total)) / this.#total)}%)`;
  }

  #line(now: number, extra: string | undefined, etaMs: number | undefined): void {
    this.#lastWrite = now;
    const counts = this.#total === undefined ? `${this.#count}` : `${this.#count}/${this.#total}`;
    const eta = this.#total === undefined ? '' : ` ${this.#eta(now, etaMs)}`;
    this.#stream.write(
      `${this.#label}: ${counts}${this.#percent()} elapsed ${formatDuration(now - this.#start)}${eta}${extra ? ` ${extra}` : ''}\n`,
    );
  }

  #redraw(now: number, extra: string | undefined, etaMs: number | undefined): void {
    this.#lastWrite = now;
    const elapsed = now - this.#start;
    const rate = elapsed > 0 ? `${shortNumber((this.#count * 1000) / elapsed)}/s` : '';
    let bar = '';
    if (this.#total !== undefined) {
      const filled = Math.round(
        (this.#barWidth * Math.min(this.#count, this.#total)) / this.#total,
      );
      bar = ` [${'#'.repeat(filled)}${'.'.repeat(this.#barWidth - filled)}]${this.#percent()}`;
    }
    const counts = this.#total === undefined ? `${this.#count}` : `${this.#count}/${this.#total}`;
    let text = `${this.#label}${bar} ${counts} ${rate} ${this.#eta(now, etaMs)}${extra ? ` ${extra}` : ''}`;
    const columns = this.#stream.columns;
    if (columns !== undefined && columns > 1 && text.length > columns - 1)
      text = text.slice(0, columns - 1);
    // \r returns to the line start; ESC[K clears what a longer previous line left behind.
    this.#stream.write(`\r${text}\x1b[K`);
  }
}

/** A {@link ProgressReporter}; the function form for pipelines. */
export function createProgress(options: ProgressOptions): ProgressReporter {
  return new ProgressReporter(options);
}
