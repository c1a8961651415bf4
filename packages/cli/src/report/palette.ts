/**
 * Okabe & Ito's colour-blind-safe palette (black left out), in the order charts assign it to series.
 * @see https://jfly.uni-koeln.de/color/
 */
export const PALETTE = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#F0E442', // yellow (last: weak contrast on white)
] as const;

/** The palette colour of series `index`, cycling. */
export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0];
}
