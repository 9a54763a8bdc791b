import type { EChartsCoreOption } from 'echarts/core'
import type { ChildFigures } from '../../shared/kpi-types.ts'

/** What the map colours its regions by. */
export const MEASURES = ['volume', 'completion', 'overdue'] as const
export type Measure = (typeof MEASURES)[number]

/** A new request pulsing on the map. */
export interface Pulse {
  id: string
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

/** The region map: children coloured by a measure (new requests pulse as DOM over it, off the main thread). */
export function regionMapOption(mapName: string, children: ChildFigures[], measure: Measure): EChartsCoreOption {
  const values = children.map((c) => measureValue(c, measure)).filter((v): v is number => v != null)
  const max = measure === 'completion' ? 100 : Math.max(1, ...values)
  const min = measure === 'completion' ? Math.min(80, ...values) : 0
  return {
    // Colours switch instantly: an animated recolour repaints the whole map for every frame.
    animation: false,
    geo: {
      id: 'geo',
      map: mapName,
      nameProperty: 'code',
      roam: false,
      // layoutCenter/layoutSize keep the boundaries' aspect on very wide or tall panels.
      layoutCenter: ['50%', '52%'],
      layoutSize: '94%',
      label: { show: false },
      // No shadowBlur: a blurred map redrawn on every update is the costliest paint on a wall PC.
      itemStyle: { areaColor: '#0b2a55', borderColor: '#5fc8ff', borderWidth: 1.5 },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#2b7de0', borderColor: '#ffffff', borderWidth: 2 } },
      select: { disabled: true },
    },
    visualMap: {
      id: 'vm',
      type: 'continuous',
      seriesIndex: 0,
      min,
      max,
      calculable: false,
      show: false,
      inRange: { color: RAMPS[measure] },
    },
    series: [
      {
        id: 'regions',
        type: 'map',
        geoIndex: 0,
        data: children.map((c) => ({ name: c.code, value: measureValue(c, measure) ?? '-' })),
      },
    ],
  }
}

/** Colour steps per ramp: the map is redrawn only when a child changes step, not on every count. */
export const COLOUR_STEPS = 24

/**
 * Key of what the map's colours show: each child's value quantised to a colour step. Rebuilding
 * a map re-triangulates every boundary, so it should happen when a colour changes, not per event.
 */
export function mapColourKey(children: ChildFigures[], measure: Measure): string {
  const values = children.map((c) => measureValue(c, measure))
  const max = measure === 'completion' ? 100 : Math.max(1, ...values.map((v) => v ?? 0))
  return children.map((c, i) => `${c.code}:${values[i] == null ? '-' : Math.round(((values[i] as number) / max) * COLOUR_STEPS)}`).join(',')
}

/** The legend stops of a measure's colour ramp, for the DOM legend. */
export const measureRamp = (m: Measure): string[] => RAMPS[m]
