/** A repeated substring of the text: where one occurrence starts, its length and how often it occurs. */
export interface RepeatedSubstring {
  start: number;
  length: number;
  frequency: number;
}

/**
 * Suffix array of `text` (symbols are small non-negative integers) by prefix doubling with radix sort,
 * O(n log n). Manber & Myers (1993), "Suffix arrays: a new method for on-line string searches".
 */
export function suffixArray(text: Int32Array, alphabetSize: number): Int32Array {
  const n = text.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  let rank = new Int32Array(n);
  let tmp = new Int32Array(n);
  const second = new Int32Array(n);
  let buckets = new Int32Array(Math.max(alphabetSize, n) + 1);
  // Initial counting sort by symbol.
  for (let i = 0; i < n; i++) buckets[text[i] as number]! += 1;
  for (let c = 1; c < buckets.length; c++) buckets[c]! += buckets[c - 1] as number;
  for (let i = n - 1; i >= 0; i--) sa[--buckets[text[i] as number]!] = i;
  rank.set(text);
  let classes = alphabetSize;
  for (let k = 1; ; k <<= 1) {
    // Order by the second half: suffixes without one come first, then by the rank of i + k.
    let p = 0;
    for (let i = n - k; i < n; i++) second[p++] = i;
    for (let j = 0; j < n; j++) {
      const s = sa[j] as number;
      if (s >= k) second[p++] = s - k;
    }
    // Stable counting sort by the first half.
    buckets = buckets.length >= classes + 1 ? buckets.fill(0) : new Int32Array(classes + 1);
    for (let i = 0; i < n; i++) buckets[rank[i] as number]! += 1;
    for (let c = 1; c <= classes; c++) buckets[c]! += buckets[c - 1] as number;
    for (let j = n - 1; j >= 0; j--) {
      const s = second[j] as number;
      sa[--buckets[rank[s] as number]!] = s;
    }
    // New ranks.
    tmp[sa[0] as number] = 0;
    let r = 0;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1] as number;
      const b = sa[j] as number;
      const ra2 = a + k < n ? (rank[a + k] as number) : -1;
      const rb2 = b + k < n ? (rank[b + k] as number) : -1;
      if (rank[a] !== rank[b] || ra2 !== rb2) r++;
      tmp[b] = r;
    }
    [rank, tmp] = [tmp, rank];
    classes = r + 1;
    if (classes === n) break;
  }
  return sa;
}

/** Longest common prefix of each suffix with the one before it in `sa` (Kasai et al., 2001). */
export function lcpArray(text: Int32Array, sa: Int32Array): Int32Array {
  const n = text.length;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[sa[i] as number] = i;
  const lcp = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < n; i++) {
    const r = rank[i] as number;
    if (r > 0) {
      const j = sa[r - 1] as number;
      while (i + h < n && j + h < n && text[i + h] === text[j + h]) h++;
      lcp[r] = h;
      if (h > 0) h--;
    } else {
      h = 0;
    }
  }
  return lcp;
}

/**
 * Every branching repeated substring of `text` (the internal nodes of its suffix tree, i.e. the lcp-intervals,
 * Abouelhoda et al. 2004) with its number of occurrences: the candidates SentencePiece and Hugging Face seed
 * Unigram training with (they use esaxx for the same enumeration).
 */
export function repeatedSubstrings(
  text: Int32Array,
  alphabetSize: number,
  accept: (length: number) => boolean,
): RepeatedSubstring[] {
  const n = text.length;
  const out: RepeatedSubstring[] = [];
  if (n < 2) return out;
  const sa = suffixArray(text, alphabetSize);
  const lcp = lcpArray(text, sa);
  const stackLcp: number[] = [0];
  const stackLb: number[] = [0];
  for (let i = 1; i <= n; i++) {
    const cur = i < n ? (lcp[i] as number) : 0;
    let lb = i - 1;
    while (cur < (stackLcp[stackLcp.length - 1] as number)) {
      const depth = stackLcp.pop() as number;
      const nodeLb = stackLb.pop() as number;
      if (accept(depth))
        out.push({ start: sa[nodeLb] as number, length: depth, frequency: i - nodeLb });
      lb = nodeLb;
    }
    if (cur > (stackLcp[stackLcp.length - 1] as number)) {
      stackLcp.push(cur);
      stackLb.push(lb);
    }
  }
  return out;
}
