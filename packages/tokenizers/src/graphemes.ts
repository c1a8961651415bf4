let segmenter: Intl.Segmenter | undefined;

/** Code units segmented per call; a cluster longer than this widens the window until it fits. */
const WINDOW = 256;

/**
 * Calls `visit` with each grapheme cluster (Unicode extended grapheme clusters, as `Intl.Segmenter` finds them) of
 * `text`, in order. One `segment()` call over a long text slows down with the square of its cluster count in V8
 * (40,960 emoji: 25 s; the t5-small normalizer hung on 160 KB of them), so the text is segmented in windows: every
 * cluster of a window but the last is final (a break depends on one whole character of look-ahead at most), and the next
 * window starts where the last one did.
 * @param window for tests: the first window's length in code units.
 */
export function forEachGrapheme(
  text: string,
  visit: (cluster: string) => void,
  window = WINDOW,
): void {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let size = window;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + size);
    // The look-ahead character must be whole: never end a window inside a surrogate pair.
    if (
      end < text.length &&
      (text.charCodeAt(end - 1) & 0xfc00) === 0xd800 &&
      (text.charCodeAt(end) & 0xfc00) === 0xdc00
    )
      end++;
    let held = '';
    let heldAt = 0;
    let count = 0;
    for (const { segment, index } of segmenter.segment(text.slice(start, end))) {
      if (count > 0) visit(held);
      held = segment;
      heldAt = index;
      count++;
    }
    if (end === text.length) {
      visit(held);
      return;
    }
    if (count === 1) {
      size *= 2; // one cluster fills the window: it may go on past it
      continue;
    }
    start += heldAt;
    size = window;
  }
}
