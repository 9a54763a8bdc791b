/**
 * Layout trees and their solver: a screen is a box split along one axis into items of fixed (`px`)
 * or flexible (`fr`) size, each a panel, an empty slot for an extra panel, or a nested box. Solved
 * to absolute rectangles in design px, so every panel is placed inside one screen and a test can
 * check its size against the panel's minimum.
 */

/** A size along the split axis: `'88px'` or `'1.2fr'`. */
export type Size = `${number}px` | `${number}fr`

/** One item of a box. */
export type LayoutItem =
  | { size: Size; panel: string }
  /** Filled by the next registered extra panel that fits, or dropped (its siblings share the space). */
  | { size: Size; slot: true }
  | { size: Size; box: LayoutBox }

/** A box split along `dir` (`row`: side by side, `col`: stacked). */
export interface LayoutBox {
  dir: 'row' | 'col'
  items: LayoutItem[]
  /** Gap between items, design px. @default 14 */
  gap?: number
}

/** A rectangle in design px. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const parse = (s: Size): { px: number; fr: number } => (s.endsWith('px') ? { px: Number.parseFloat(s), fr: 0 } : { px: 0, fr: Number.parseFloat(s) })

/**
 * Fills a box's slots and drops what cannot be shown: panels not in `known`, slots without an extra
 * panel. `extras` is consumed in order; an extra panel goes into the first slot whose size fits its
 * minimum (checked later by {@link solveBoxes}' caller); here slots simply take them in order.
 */
export function fillSlots(box: LayoutBox, known: (name: string) => boolean, extras: string[]): LayoutBox {
  const items: LayoutItem[] = []
  for (const it of box.items) {
    if ('panel' in it) {
      if (known(it.panel)) items.push(it)
    } else if ('slot' in it) {
      const next = extras.shift()
      if (next) items.push({ size: it.size, panel: next })
    } else {
      const inner = fillSlots(it.box, known, extras)
      if (inner.items.length) items.push({ size: it.size, box: inner })
    }
  }
  return { ...box, items }
}

/** Solves a box inside `rect` to one rectangle per panel name (px items first, the rest shared by fr). */
export function solveBoxes(box: LayoutBox, rect: Rect, out = new Map<string, Rect>()): Map<string, Rect> {
  const gap = box.gap ?? 14
  const along = box.dir === 'row' ? rect.width : rect.height
  const sizes = box.items.map((i) => parse(i.size))
  const fixed = sizes.reduce((a, s) => a + s.px, 0) + gap * Math.max(0, box.items.length - 1)
  const frs = sizes.reduce((a, s) => a + s.fr, 0)
  const perFr = frs > 0 ? Math.max(0, along - fixed) / frs : 0
  let at = box.dir === 'row' ? rect.x : rect.y
  box.items.forEach((it, i) => {
    const len = sizes[i].px + sizes[i].fr * perFr
    const r: Rect = box.dir === 'row' ? { x: at, y: rect.y, width: len, height: rect.height } : { x: rect.x, y: at, width: rect.width, height: len }
    at += len + gap
    if ('panel' in it) out.set(it.panel, r)
    else if ('box' in it) solveBoxes(it.box, r, out)
  })
  return out
}

/** The panel names a box places (slots excluded). */
export function panelsOf(box: LayoutBox): string[] {
  return box.items.flatMap((it) => ('panel' in it ? [it.panel] : 'box' in it ? panelsOf(it.box) : []))
}

/** The number of slots of a box. */
export function slotsOf(box: LayoutBox): number {
  return box.items.reduce((n, it) => n + ('slot' in it ? 1 : 'box' in it ? slotsOf(it.box) : 0), 0)
}
