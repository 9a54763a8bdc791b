/**
 * The shortest a ticker line can be, in design px: one line of 16 px text with its padding and
 * border (a line with a summary is taller). The layout browser test checks the wall's lines against it.
 */
export const MIN_TICKER_LINE_PX = 34

/**
 * How many of `count` ticker lines to render in a box `height` px tall: enough to fill it even if
 * every line is as short as a line can be, plus one partly shown; all of them while the box is
 * not measured yet.
 */
export function linesThatFit(height: number, count: number): number {
  if (!(height > 0)) return count
  return Math.min(count, Math.ceil(height / MIN_TICKER_LINE_PX) + 1)
}
