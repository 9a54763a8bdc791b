import type { ChildFigures } from '../../shared/kpi-types.ts'

/** What the map colours its regions by. */
export const MEASURES = ['volume', 'completion', 'overdue'] as const
export type Measure = (typeof MEASURES)[number]

/** A new request pulsing on the map. */
export interface Pulse {
  id: string
  /** The child of the shown region that the request falls in. */
  child: string
  at: number
  coord: [number, number]
  urgent: boolean
}

/** Most pulses drawn at once; older ones drop off. */
export const MAX_PULSES = 40

/** The value of a child for a measure (completion as a percentage, null when undefined). */
export function measureValue(c: ChildFigures, m: Measure): number | null {
  if (m === 'volume') return c.acceptedToday
  if (m === 'overdue') return c.overdue
  return c.completionRate == null ? null : Math.round(c.completionRate * 1000) / 10
}

/** Colour ramp per measure: completion is good when high, the others bad when high. */
const RAMPS: Record<Measure, string[]> = {
  volume: ['#0b2a55', '#1560bd', '#29d3ff', '#b8f3ff'],
  overdue: ['#10305a', '#8a5a12', '#ffb429', '#ff4d5e'],
  completion: ['#ff4d5e', '#ffb429', '#3ee6a0'],
}

/** Fill of a child without a value (e.g. no completion rate yet), and the map's boundary colour. */
export const MAP_NO_VALUE = '#0b2a55'
export const MAP_EDGE = '#5fc8ff'

/**
 * How a measure's values map to the ramp (`?scale=`): `range` spans the children's lowest to
 * highest value (a rate that is 98.4–99.0 % everywhere still shows which child is lowest), `zero`
 * from 0 to the highest, `mean` the deviation from the children's mean on a diverging ramp.
 * `auto` is `range` for rates and `zero` for counts.
 */
export const MAP_SCALES = ['auto', 'range', 'zero', 'mean'] as const
export type MapScale = (typeof MAP_SCALES)[number]

/** Parses `?scale=`; auto unless known. */
export const parseMapScale = (v: unknown): MapScale => (MAP_SCALES.includes(v as MapScale) ? (v as MapScale) : 'auto')

const resolved = (measure: Measure, scale: MapScale): Exclude<MapScale, 'auto'> => (scale !== 'auto' ? scale : measure === 'completion' ? 'range' : 'zero')

/** Smallest span a range scale covers (a percentage point for rates, one request for counts). */
const MIN_SPAN = 1

/** The measure's value range the ramp spans, per scale (for `mean`: mean ± the largest deviation). */
export function measureRange(children: ChildFigures[], measure: Measure, scale: MapScale = 'auto'): { min: number; max: number } {
  const values = children.map((c) => measureValue(c, measure)).filter((v): v is number => v != null)
  const kind = resolved(measure, scale)
  if (!values.length) return measure === 'completion' ? { min: 0, max: 100 } : { min: 0, max: 1 }
  if (kind === 'zero') return { min: 0, max: Math.max(1, ...values) }
  if (kind === 'mean') {
    const mean = values.reduce((a, v) => a + v, 0) / values.length
    const dev = Math.max(MIN_SPAN / 2, ...values.map((v) => Math.abs(v - mean)))
    return { min: mean - dev, max: mean + dev }
  }
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = Math.max(0, MIN_SPAN - (hi - lo)) / 2
  return { min: lo - pad, max: hi + pad }
}

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number]

/** The colour at `t` (0–1) along a ramp of hex stops, interpolated in RGB. */
export function rampColour(ramp: string[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (ramp.length - 1)
  const i = Math.min(ramp.length - 2, Math.floor(x))
  const a = hex(ramp[i])
  const b = hex(ramp[i + 1])
  const f = x - i
  return `#${a.map((v, k) => Math.round(v + (b[k] - v) * f).toString(16).padStart(2, '0')).join('')}`
}

/**
 * Each child's fill for a measure: its value's place in {@link measureRange} along the measure's
 * ramp, in {@link COLOUR_STEPS} steps (so a fill changes, and the map repaints, only when a child
 * moves a step, not on every count).
 */
export function mapFills(children: ChildFigures[], measure: Measure, scale: MapScale = 'auto'): Map<string, string> {
  const { min, max } = measureRange(children, measure, scale)
  const ramp = measureRamp(measure, scale)
  const out = new Map<string, string>()
  for (const c of children) {
    const v = measureValue(c, measure)
    out.set(c.code, v == null ? MAP_NO_VALUE : rampColour(ramp, Math.round(((v - min) / Math.max(1e-9, max - min)) * COLOUR_STEPS) / COLOUR_STEPS))
  }
  return out
}

/** Colour steps per ramp: the map is redrawn only when a child changes step, not on every count. */
export const COLOUR_STEPS = 24

/** Below the mean cool, above it warm (for completion the other way round), the mean itself dark. */
const MEAN_RAMP = ['#29d3ff', '#12406f', '#ff4d5e']

/** The legend stops of a measure's colour ramp, for the DOM legend. */
export const measureRamp = (m: Measure, scale: MapScale = 'auto'): string[] =>
  resolved(m, scale) === 'mean' ? (m === 'completion' ? [...MEAN_RAMP].reverse() : MEAN_RAMP) : RAMPS[m]
