/**
 * The hot-words cloud: words sized by weight, packed into the panel without overlap. Rows are filled
 * first-fit in weight order (the heaviest words are placed first; a word that finds no room is left
 * out and lighter, smaller ones may still fill the gaps), the row of the
 * heaviest words sits in the middle with the others alternately below and above it, and each row
 * places its heaviest word in the centre: a cloud read from the middle out, as a list would be
 * read from the top.
 */

/** A word's box in px. */
export interface WordBox {
  width: number
  height: number
}

/** Where a kept word goes: its index in the input and its top-left corner in the panel, px. */
export interface PlacedWord {
  index: number
  x: number
  y: number
}

/** Gaps between words of a row and between rows, px. */
export const CLOUD_GAP = { x: 14, y: 4 }

/** Alternates around a middle: 0, 1, 2, 3 … become positions mid, mid+1, mid−1, mid+2 … */
function centreOut<T>(items: readonly T[]): T[] {
  const out: T[] = []
  items.forEach((item, i) => (i % 2 ? out.push(item) : out.unshift(item)))
  return out
}

/**
 * Places `boxes` (in weight order, heaviest first) in a `width` × `height` panel; boxes that do not
 * fit are left out (the lightest first). Returns the kept ones in input order.
 */
export function cloudLayout(boxes: readonly WordBox[], width: number, height: number, gap = CLOUD_GAP): PlacedWord[] {
  const rows: { height: number; width: number; items: number[] }[] = []
  let used = 0
  boxes.forEach((b, i) => {
    if (b.width > width) return
    const row = rows.find((r) => r.width + gap.x + b.width <= width && b.height <= r.height)
    if (row) {
      row.width += gap.x + b.width
      row.items.push(i)
      return
    }
    const need = (rows.length ? gap.y : 0) + b.height
    if (used + need > height) return
    used += need
    rows.push({ height: b.height, width: b.width, items: [i] })
  })
  const out: PlacedWord[] = []
  let y = (height - used) / 2
  for (const row of centreOut(rows)) {
    let x = (width - row.width) / 2
    for (const i of centreOut(row.items)) {
      out.push({ index: i, x, y: y + (row.height - boxes[i].height) / 2 })
      x += boxes[i].width + gap.x
    }
    y += row.height + gap.y
  }
  return out.sort((a, b) => a.index - b.index)
}

/** Font sizes for a panel `height` px tall: from 15 px (legible on a wall) to at most a quarter of it. */
export const cloudSizeRange = (height: number): [min: number, max: number] => [15, Math.max(18, Math.min(36, Math.floor(height / 4)))]

