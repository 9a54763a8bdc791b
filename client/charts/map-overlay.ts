/**
 * What the region map draws over its fills, in panel px: the children's labels and leader lines
 * (kept off the legend), each label's ink, and the value and legend texts of a measure.
 */
import type { ChildFigures } from '../../shared/kpi-types.ts'
import { formatCount } from '../format/number.ts'
import { labelInk, leaderEnd, placeLabels, type Box, type LabelInput, type MapLabel } from './map-labels.ts'
import type { XY } from './map-polygons.ts'
import { MAP_NO_VALUE, measureRange, measureValue, type MapScale, type Measure } from './region-map.ts'

/** Where the legend sits, relative to the bottom left of the map's box, kept free of labels. */
export const LEGEND: Box = [0, -56, 420, 0]
/** The background of a label set outside its region (`.label.led` in `MapLabelLayer.vue`). */
export const LED_BOX = '#020817'
/** The dictionary key of each measure's name. */
export const MEASURE_KEYS = { volume: 'measureVolume', completion: 'measureCompletion', overdue: 'measureOverdue' } as const

/** A leader line from a region's anchor to the edge of its label's box. */
export interface LeaderLine {
  code: string
  from: XY
  to: XY
}

/**
 * Names placed inside their regions without colliding (leader lines where a region has no room),
 * within `box` less a 4 px margin and off the legend; `name` words a region's name.
 */
export function mapLabels(shapes: LabelInput[], box: { width: number; height: number }, name: (s: string) => string): MapLabel[] {
  const { width, height } = box
  if (!shapes.length || !width) return []
  return placeLabels(
    shapes.map((s) => ({ ...s, name: name(s.name) })),
    { bounds: [4, 4, width - 4, height - 4], obstacles: [[LEGEND[0], height + LEGEND[1], LEGEND[2], height + LEGEND[3]]] },
  )
}

/** The leader lines of the labels set outside their regions. */
export const leaderLines = (labels: MapLabel[]): LeaderLine[] => labels.filter((l) => l.leader).map((l) => ({ code: l.code, from: l.leader!, to: leaderEnd(l) }))

/** A label's ink against what lies under it: its region's fill, or the dark box a led label sits in. */
export const inkOf = (l: MapLabel, fills: Map<string, string>) => labelInk(l.leader ? LED_BOX : (fills.get(l.code) ?? MAP_NO_VALUE))

/** A measure's value as shown: a percentage with one decimal for 办结率, a count otherwise. */
export const formatMeasure = (v: number, measure: Measure): string => (measure === 'completion' ? `${v.toFixed(1)}%` : formatCount(Math.round(v)))

/** The value under each child's label: '—' where the measure has no value. */
export function measureTexts(items: ChildFigures[], measure: Measure): Map<string, string> {
  return new Map(
    items.map((c) => {
      const v = measureValue(c, measure)
      return [c.code, v == null ? '—' : formatMeasure(v, measure)]
    }),
  )
}

/** The legend's end values: what the lightest and darkest fills stand for (± half the spread on the mean scale). */
export function legendEnds(items: ChildFigures[], measure: Measure, scale: MapScale): [string, string] {
  const r = measureRange(items, measure, scale)
  if (scale !== 'mean') return [formatMeasure(r.min, measure), formatMeasure(r.max, measure)]
  const dev = formatMeasure((r.max - r.min) / 2, measure)
  return [`−${dev}`, `+${dev}`]
}
