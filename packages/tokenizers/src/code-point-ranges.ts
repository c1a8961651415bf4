/**
 * A set of code points read from a generated range table (`src/unicode-tables.ts`): "gap,length" pairs in
 * base 36. Decoded on first use into sorted boundaries, looked up by binary search.
 * @internal
 */
export class CodePointRanges {
  private readonly table: string;
  /** [start0, end0, start1, end1, …], ends exclusive. */
  private bounds: Int32Array | null = null;

  constructor(table: string) {
    this.table = table;
  }

  has(c: number): boolean {
    const b = (this.bounds ??= decode(this.table));
    // Count the bounds ≤ c: odd means c lies inside a range.
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[mid]! <= c) lo = mid + 1;
      else hi = mid;
    }
    return (lo & 1) === 1;
  }
}

function decode(table: string): Int32Array {
  const pairs = table.split(' ');
  const out = new Int32Array(pairs.length * 2);
  let end = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [gap, len] = pairs[i]!.split(',');
    const start = end + parseInt(gap!, 36);
    end = start + parseInt(len!, 36);
    out[2 * i] = start;
    out[2 * i + 1] = end;
  }
  return out;
}
