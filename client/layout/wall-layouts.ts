/**
 * What each layout puts on each of its screens. Panels are named as in the panel registry
 * (`panel-registry.ts`); a `slot` takes the next extra panel registered (new panels are slotted in
 * by adding a registry entry), and is dropped when there is none. A panel never spans two screens.
 */
import { fillSlots, solveBoxes, type LayoutBox, type LayoutItem, type Rect, type Size } from './layout-boxes.ts'
import type { LayoutName, WallShape } from './wall-shape.ts'

const p = (panel: string, size: Size = '1fr'): LayoutItem => ({ size, panel })
const slot = (size: Size = '1fr'): LayoutItem => ({ size, slot: true })
const col = (size: Size, ...items: LayoutItem[]): LayoutItem => ({ size, box: { dir: 'col', items } })
const row = (size: Size, ...items: LayoutItem[]): LayoutItem => ({ size, box: { dir: 'row', items } })
const screenCol = (...items: LayoutItem[]): LayoutBox => ({ dir: 'col', items, gap: 16 })
const screenRow = (...items: LayoutItem[]): LayoutBox => ({ dir: 'row', items, gap: 16 })

/** The header and the headline counters over the map: the centre screen of a spliced wall. */
const titleScreen = (...below: LayoutItem[]): LayoutBox => screenCol(p('header', '88px'), p('counters', '150px'), ...below)

/** Screens of each layout, row by row. */
export const LAYOUT_SCREENS: Record<LayoutName, LayoutBox[]> = {
  // A 1920×1080 wall: the map with the channels beside it and the two trends under the stage board in
  // the middle; quality, the ranking of the children and the categories on the left; grid duty,
  // departments, hot words, the ticker and alerts on the right. Every list shows several rows.
  '16x9': [
    screenCol(
      p('header', '88px'),
      row(
        '1fr',
        col('1fr', p('rates', '280px'), p('ranking', '1fr'), p('category', '310px')),
        col('2fr', p('counters', '150px'), row('1fr', p('map', '1fr'), p('channel', '300px')), p('stages', '146px'), row('250px', p('hourly', '1fr'), p('daily', '1fr'))),
        col('1fr', p('grid', '172px'), p('departments', '1.1fr'), p('words', '140px'), p('ticker', '1fr'), p('alerts', '0.7fr'), slot('0.6fr')),
      ),
    ),
  ],
  // One column per screen, the map large on the middle one.
  '3x1': [
    screenRow(col('1fr', p('rates', '1fr'), p('category', '1fr'), p('words', '1fr')), col('1fr', p('hourly', '1fr'), p('daily', '1fr'), p('stages', '0.8fr'), slot('0.8fr'))),
    titleScreen(p('map', '1fr')),
    screenRow(col('1fr', p('grid', '200px'), p('ranking', '1fr'), p('channel', '0.8fr')), col('1fr', p('departments', '1.2fr'), p('ticker', '1fr'), p('alerts', '0.8fr'), slot('0.8fr'))),
  ],
  '4x1': [
    screenRow(col('1fr', p('rates', '1fr'), p('channel', '1fr')), col('1fr', p('category', '1fr'), p('words', '1fr'))),
    titleScreen(p('hourly', '1fr'), p('daily', '1fr')),
    screenCol(p('map', '1fr'), p('stages', '240px')),
    screenRow(col('1fr', p('grid', '200px'), p('ranking', '1fr'), p('departments', '1fr')), col('1fr', p('ticker', '1.3fr'), p('alerts', '1fr'))),
  ],
  '4x2': [
    screenCol(p('rates', '1fr'), p('grid', '1fr')),
    titleScreen(p('hourly', '1fr')),
    screenCol(p('daily', '1fr'), p('channel', '1fr')),
    screenRow(p('ranking', '1fr'), p('departments', '1fr')),
    screenRow(p('category', '1fr'), p('words', '1fr')),
    screenCol(p('map', '1fr')),
    screenRow(p('ticker', '1fr'), p('stages', '1fr')),
    screenRow(p('alerts', '1fr'), slot('1fr')),
  ],
  '3x3': [
    screenCol(p('rates', '1fr'), p('grid', '1fr')),
    titleScreen(p('hourly', '1fr')),
    screenRow(p('daily', '1fr'), p('stages', '1fr')),
    screenRow(p('category', '1fr'), p('words', '1fr')),
    screenCol(p('map', '1fr')),
    screenRow(p('ranking', '1fr'), p('departments', '1fr')),
    screenRow(p('channel', '1fr'), slot('1fr')),
    screenCol(p('ticker', '1fr')),
    screenCol(p('alerts', '1fr')),
  ],
  // A lobby totem, 1080×1920: the map large near the top, the stage board across, the rest in pairs.
  portrait: [
    screenCol(
      p('header', '88px'),
      p('counters', '150px'),
      p('map', '1fr'),
      row('280px', p('rates', '1fr'), p('channel', '1fr')),
      row('250px', p('hourly', '1fr'), p('ranking', '1fr')),
      p('stages', '150px'),
      row('230px', p('ticker', '1fr'), p('alerts', '1fr')),
      row('240px', p('departments', '1fr'), p('words', '1fr')),
      slot('300px'),
    ),
  ],
}

/** Outer padding of a screen on a wall edge, design px; a seam side gets the shape's `seamPad`. */
export const EDGE_PAD = 20

/** The rectangle panels may use on screen `i` of a shape: padded at the wall's edges and at seams. */
export function screenArea(shape: WallShape, i: number): Rect {
  const c = i % shape.cols
  const r = Math.floor(i / shape.cols)
  const { width, height } = shape.screen
  const left = c === 0 ? EDGE_PAD : shape.seamPad
  const right = c === shape.cols - 1 ? EDGE_PAD : shape.seamPad
  // The header sits flush with the top edge, as on today's wall.
  const top = r === 0 ? 0 : shape.seamPad
  const bottom = r === shape.rows - 1 ? EDGE_PAD : shape.seamPad
  return { x: c * width + left, y: r * height + top, width: width - left - right, height: height - top - bottom }
}

/**
 * Every panel's rectangle in design px for a shape: each screen's tree, slots filled from `extras`
 * in order, panels `known` to the registry only.
 */
export function placePanels(shape: WallShape, known: (name: string) => boolean, extras: readonly string[]): Map<string, Rect> {
  const queue = [...extras]
  const out = new Map<string, Rect>()
  LAYOUT_SCREENS[shape.layout].forEach((box, i) => {
    if (i >= shape.cols * shape.rows) return
    solveBoxes(fillSlots(box, known, queue), screenArea(shape, i), out)
  })
  return out
}
