/** Axis ticks and the domain they span. */
export interface Ticks {
  ticks: number[];
  /** The axis range: the data extent widened to whole tick steps (linear) or padded (log). */
  domain: [number, number];
  /** Tick labels, one per tick, with as many decimals as the step needs. */
  labels: string[];
}

/** Removes float noise such as 0.30000000000000004 from a computed tick. */
const clean = (v: number): number => Number(v.toPrecision(12));

/**
 * The tick step for about `count` ticks over [lo, hi]: 1, 2 or 5 times a power of ten, the step whose
 * count comes closest to `count` (Heckbert's "nice numbers", the thresholds at the geometric means).
 */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const base = 10 ** Math.floor(Math.log10(raw));
  const err = raw / base;
  const mult = err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1;
  return base * mult;
}

function fixedLabels(ticks: readonly number[], step: number): string[] {
  const digits = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return ticks.map((t) =>
    Math.abs(t) >= 10000 && digits === 0 ? `${clean(t / 1000)}k` : t.toFixed(digits),
  );
}

/**
 * Linear ticks at a "nice" step; the domain is the data extent rounded out to whole steps.
 * A zero-width extent is widened by one unit (or 10% of the value) each side.
 * @example niceTicks(0.23, 0.91) // ticks 0.2, 0.3, …, 1.0; domain [0.2, 1]
 */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = tickStep(lo, hi, count);
  // 1e-9 keeps 0.3 / 0.1 = 2.9999… from adding a tick below the data.
  const start = Math.floor(lo / step + 1e-9);
  const stop = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = start; i <= stop; i++) ticks.push(clean(i * step));
  return {
    ticks,
    domain: [clean(start * step), clean(stop * step)],
    labels: fixedLabels(ticks, step),
  };
}

/**
 * Log-axis ticks for positive [lo, hi]: powers of ten if they give three ticks, else 1-2-5, else 1…9 times
 * each power, else linear nice ticks (a range inside one decade). The domain pads the extent by 5% of its
 * log width each side, then reaches out to the next tick where that is within 10% more, so the ends of
 * the axis are labelled when they can be.
 */
export function logTicks(lo: number, hi: number): Ticks {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const pad = (b - a || 0.2) * 0.05;
  const domain: [number, number] = [clean(10 ** (a - pad)), clean(10 ** (b + pad))];
  const reach = (b - a + 2 * pad) * 0.1;
  const label = (t: number) => (t >= 10000 ? `${clean(t / 1000)}k` : String(t));
  for (const mults of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const candidates: number[] = [];
    for (let k = Math.floor(a - pad) - 1; k <= Math.ceil(b + pad) + 1; k++) {
      for (const m of mults) candidates.push(clean(m * 10 ** k));
    }
    let ticks = candidates.filter(
      (v) => v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9),
    );
    if (ticks.length < 3) continue;
    const below = candidates.filter((v) => v < ticks[0]!).at(-1);
    const above = candidates.find((v) => v > ticks.at(-1)!);
    const d: [number, number] = [...domain];
    if (below !== undefined && Math.log10(d[0]) - Math.log10(below) <= reach) {
      d[0] = below;
      ticks = [below, ...ticks];
    }
    if (above !== undefined && Math.log10(above) - Math.log10(d[1]) <= reach) {
      d[1] = above;
      ticks = [...ticks, above];
    }
    return { ticks, domain: d, labels: ticks.map(label) };
  }
  const inDomain = (v: number) => v >= domain[0] && v <= domain[1];
  const linear = niceTicks(domain[0], domain[1], 4);
  const ticks = linear.ticks.filter(inDomain);
  return { ticks, domain, labels: fixedLabels(ticks, tickStep(domain[0], domain[1], 4)) };
}

/** Maps a value in `domain` linearly onto the pixel range `range` (either may be reversed). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Maps a positive value onto `range` linearly in log10 space. */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const lin = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (v) => lin(Math.log10(v));
}

/** Ticks for a fixed domain: the nice (or log) ticks that fall inside it; the domain is kept as given. */
export function ticksWithin(domain: readonly [number, number], log = false): Ticks {
  const t = log ? logTicks(domain[0], domain[1]) : niceTicks(domain[0], domain[1]);
  const keep = t.ticks.map((v) => v >= domain[0] - 1e-12 && v <= domain[1] + 1e-12);
  return {
    ticks: t.ticks.filter((_, i) => keep[i]),
    labels: t.labels.filter((_, i) => keep[i]),
    domain: [domain[0], domain[1]],
  };
}
