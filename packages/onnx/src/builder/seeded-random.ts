import { checkArg } from '../check-args';

/**
 * A seeded pseudo-random source for weight initialisation: the same seed gives the same weights on every
 * platform, so a model built twice is byte-identical and tests can rebuild committed fixtures.
 *
 * Uniforms come from the 32-bit "mulberry32" generator (one 32-bit state, period 2^32, good enough for
 * initialisation, not for cryptography); normals from the Box–Muller transform, caching the second value.
 */
export class SeededRandom {
  private state: number;
  private spare: number | undefined;

  /** @param seed any integer; only its low 32 bits are used. */
  constructor(seed: number) {
    checkArg('SeededRandom', 'seed', seed, 'finite');
    this.state = seed >>> 0;
    this.spare = undefined;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    // mulberry32: add the Weyl constant, then mix with two multiply-xorshift rounds.
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A sample of the normal distribution N(mean, std²), by Box–Muller. */
  normal(mean = 0, std = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + std * z;
    }
    // 1 - uniform() is in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spare = radius * Math.sin(angle);
    return mean + std * radius * Math.cos(angle);
  }

  /** `count` normal samples N(mean, std²) as float32 (the same values as `count` calls of {@link normal}). */
  normalArray(count: number, mean = 0, std = 1): Float32Array {
    checkArg('SeededRandom.normalArray', 'count', count, 'nonNegativeInteger');
    checkArg('SeededRandom.normalArray', 'mean', mean, 'finite');
    checkArg('SeededRandom.normalArray', 'std', std, 'nonNegative');
    const out = new Float32Array(count);
    let i = 0;
    if (count > 0 && this.spare !== undefined) out[i++] = this.normal(mean, std);
    // Inlined pairs of Box–Muller (cos then sin), the hot loop of building large models.
    for (; i + 1 < count; i += 2) {
      const u1 = 1 - this.uniform();
      const u2 = this.uniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      const angle = 2 * Math.PI * u2;
      // Same operation order as normal(), so the float64 values (and their float32 rounding) are identical.
      out[i] = mean + std * radius * Math.cos(angle);
      out[i + 1] = mean + std * (radius * Math.sin(angle));
    }
    if (i < count) out[i] = this.normal(mean, std);
    return out;
  }

  /** `count` uniform samples in [low, high) as float32. */
  uniformArray(count: number, low = 0, high = 1): Float32Array {
    checkArg('SeededRandom.uniformArray', 'count', count, 'nonNegativeInteger');
    checkArg('SeededRandom.uniformArray', 'low', low, 'finite');
    checkArg('SeededRandom.uniformArray', 'high', high, 'finite');
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }
}
