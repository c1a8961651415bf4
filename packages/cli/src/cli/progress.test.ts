import { describe, expect, it } from 'vitest';
import { ProgressReporter, formatDuration } from './progress';

function fakes(tty: boolean, columns?: number) {
  let now = 1_000_000;
  const stream = {
    text: '',
    isTTY: tty,
    columns,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
  return {
    stream,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('formatDuration', () => {
  it('writes m:ss below an hour and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61_400)).toBe('1:01');
    expect(formatDuration(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
  });
});

describe('ProgressReporter off a terminal', () => {
  it('prints a line at each 10 % with the linear ETA, and a final line', () => {
    const f = fakes(false);
    const p = new ProgressReporter({ total: 200, label: 'tokenize', stream: f.stream, now: f.now });
    for (let i = 0; i < 40; i++) {
      f.advance(250); // 4 items per second
      p.tick(1);
    }
    // 20 items at 5 s: 180 left at 0.25 s each = 45 s; 40 items at 10 s: 160 left = 40 s.
    expect(f.stream.text).toBe(
      'tokenize: 20/200 (10%) elapsed 0:05 ETA 0:45\n' +
        'tokenize: 40/200 (20%) elapsed 0:10 ETA 0:40\n',
    );
    f.advance(500);
    p.done('loss 1.5');
    expect(f.stream.text.split('\n').at(-2)).toBe('tokenize: 40/200 done in 0:11 loss 1.5');
  });

  it('prints a line every 5 s when the fractions come slowly, with the extra text', () => {
    const f = fakes(false);
    const p = new ProgressReporter({ total: 1000, label: 'train', stream: f.stream, now: f.now });
    f.advance(4000);
    p.tick(1, 'loss 2.00');
    expect(f.stream.text).toBe('');
    f.advance(1000);
    p.tick(1, 'loss 1.90');
    // 2 done in 5 s → 998 left × 2.5 s = 2495 s = 41:35.
    expect(f.stream.text).toBe('train: 2/1000 (0%) elapsed 0:05 ETA 41:35 loss 1.90\n');
  });

  it('prints no percentage or ETA without a total', () => {
    const f = fakes(false);
    const p = new ProgressReporter({
      total: undefined,
      label: 'read',
      stream: f.stream,
      now: f.now,
    });
    f.advance(6000);
    p.tick(7);
    expect(f.stream.text).toBe('read: 7 elapsed 0:06\n');
  });

  it('ignores ticks after done, and a second done', () => {
    const f = fakes(false);
    const p = new ProgressReporter({ total: 2, label: 'x', stream: f.stream, now: f.now });
    p.done();
    p.tick(2);
    p.done();
    expect(f.stream.text).toBe('x: 0/2 done in 0:00\n');
  });
});

describe('ProgressReporter on a terminal', () => {
  it('redraws one bar in place with \\r, at most every 100 ms, and ends with a newline', () => {
    const f = fakes(true);
    const p = new ProgressReporter({
      total: 8,
      label: 'predict',
      stream: f.stream,
      now: f.now,
      barWidth: 8,
    });
    f.advance(1000);
    p.tick(2); // drawn: first draw
    f.advance(50);
    p.tick(1); // skipped: 50 ms after the last draw
    f.advance(950);
    p.tick(1); // drawn: 4 done in 2 s → 4 left at 0.5 s = 0:02
    expect(f.stream.text).toBe(
      '\rpredict [##......] (25%) 2/8 2.00/s ETA 0:03\x1b[K' +
        '\rpredict [####....] (50%) 4/8 2.00/s ETA 0:02\x1b[K',
    );
    f.advance(10);
    p.tick(4); // the last unit always redraws
    expect(f.stream.text.endsWith('\rpredict [########] (100%) 8/8 3.98/s ETA 0:00\x1b[K')).toBe(
      true,
    );
    p.done();
    expect(f.stream.text.endsWith('\rpredict: 8/8 done in 0:02\x1b[K\n')).toBe(true);
  });

  it('cuts the bar to the terminal width', () => {
    const f = fakes(true, 20);
    const p = new ProgressReporter({
      total: 10,
      label: 'a-long-label',
      stream: f.stream,
      now: f.now,
    });
    f.advance(100);
    p.tick(1, 'some extra text');
    // 19 characters (one less than the width) of "a-long-label [##......................] …".
    expect(f.stream.text).toBe('\ra-long-label [##...\x1b[K');
  });
});

describe('ProgressReporter.report', () => {
  it('draws structured training events: step as the count, loss and lr after the event ETA', () => {
    const f = fakes(false);
    const p = new ProgressReporter({ total: 100, label: 'train', stream: f.stream, now: f.now });
    f.advance(2000);
    p.report({ step: 10, total: 100, loss: 0.123456, learningRate: 0.001, etaSeconds: 95 });
    // 10 % of 100 passed: one line; the event's 95 s ETA is 1:35 (the reporter's own would be 0:18).
    expect(f.stream.text).toBe(
      'train: 10/100 (10%) elapsed 0:02 ETA 1:35 loss 0.1235 lr 1.00e-3\n',
    );
    f.advance(1000);
    p.report({ step: 15, loss: 0.1 });
    expect(f.stream.text.split('\n')).toHaveLength(2); // 15 % passes no new 10 % mark within 5 s
    f.advance(1000);
    p.report({ step: 20, loss: 0.1 });
    // Without etaSeconds, the linear estimate: 20 done in 4 s → 80 left = 16 s.
    expect(f.stream.text.split('\n').at(-2)).toBe(
      'train: 20/100 (20%) elapsed 0:04 ETA 0:16 loss 0.1000',
    );
  });

  it('redraws the bar on a terminal from the event', () => {
    const f = fakes(true);
    const p = new ProgressReporter({
      total: 4,
      label: 'train',
      stream: f.stream,
      now: f.now,
      barWidth: 4,
    });
    f.advance(1000);
    p.report({ step: 2, loss: 1.5, learningRate: 2e-5, etaSeconds: 61 });
    expect(f.stream.text).toBe(
      '\rtrain [##..] (50%) 2/4 2.00/s ETA 1:01 loss 1.5000 lr 2.00e-5\x1b[K',
    );
  });
});
