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

/** The measure's value range the ramp spans: completion from min(80 %, lowest) to 100 %, counts from 0 to the highest. */
export function measureRange(children: ChildFigures[], measure: Measure): { min: number; max: number } {
  const values = children.map((c) => measureValue(c, measure)).filter((v): v is number => v != null)
  if (measure === 'completion') return { min: Math.min(80, ...values), max: 100 }
  return { min: 0, max: Math.max(1, ...values) }
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
export function mapFills(children: ChildFigures[], measure: Measure): Map<string, string> {
  const { min, max } = measureRange(children, measure)
  const ramp = RAMPS[measure]
  const out = new Map<string, string>()
  for (const c of children) {
    const v = measureValue(c, measure)
    out.set(c.code, v == null ? MAP_NO_VALUE : rampColour(ramp, Math.round(((v - min) / Math.max(1e-9, max - min)) * COLOUR_STEPS) / COLOUR_STEPS))
  }
  return out
}

/** Colour steps per ramp: the map is redrawn only when a child changes step, not on every count. */
export const COLOUR_STEPS = 24

/** The legend stops of a measure's colour ramp, for the DOM legend. */
export const measureRamp = (m: Measure): string[] => RAMPS[m]
