/** Time left after `done` of `total` equal jobs begun at `started` (ms), as "1m05s" or "42s". */
export function eta(done: number, total: number, started: number): string {
  const s = ((Date.now() - started) / 1000 / done) * (total - done);
  return s >= 60
    ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`
    : `${s.toFixed(0)}s`;
}
