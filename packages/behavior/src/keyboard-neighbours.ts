// QWERTY rows; each row sits half a key right of the one above, so key (r, c) touches (r-1, c), (r-1, c+1),
// (r+1, c-1) and (r+1, c) besides its left and right keys.
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;

function buildNeighbours(): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  const at = (r: number, c: number): string | undefined => ROWS[r]?.[c];
  ROWS.forEach((row, r) => {
    [...row].forEach((key, c) => {
      const around = [
        at(r, c - 1),
        at(r, c + 1),
        at(r - 1, c),
        at(r - 1, c + 1),
        at(r + 1, c - 1),
        at(r + 1, c),
      ];
      map.set(
        key,
        around.filter((k): k is string => k !== undefined),
      );
    });
  });
  return map;
}

/**
 * Internal: the lower-case QWERTY keys next to each letter, in the order left, right, upper-left, upper-right,
 * lower-left, lower-right (missing ones left out), e.g. `s` → `a d w e z x`.
 */
export const KEYBOARD_NEIGHBOURS = buildNeighbours();
