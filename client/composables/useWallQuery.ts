import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { MEASURES, parseMapScale, type MapScale, type Measure } from '../charts/region-map.ts'
import { parseFitMode, parsePixels, type FitMode } from '../layout/fit.ts'
import { parseBezel, parseGrid, parseLayout, type LayoutName } from '../layout/wall-shape.ts'

/** The wall's view options, all held in the URL. */
export interface WallQuery {
  fit: FitMode
  /** Whether `?fit=` was given: then today's 16:9 layout is fitted that way instead of a layout chosen for the size. */
  fitGiven: boolean
  width: number | null
  height: number | null
  /** `?layout=`: a forced layout. */
  layout: LayoutName | null
  /** `?grid=3x1`: the wall's screens across × down. */
  grid: { cols: number; rows: number } | null
  /** `?bezel=`: the bezel between screens, in stage px. */
  bezel: number
  /** Seconds per stop of the kiosk tour, or null when not touring. */
  tour: number | null
  measure: Measure
  /** `?scale=`: how the map's colours span the values. */
  scale: MapScale
  /** `?points=`: the point layer's category, `all` (default) or `off`. */
  points: string
  /** `?zoom=`: the panel shown over its whole screen. */
  zoom: string | null
}

/** Parses a tour period in seconds (at least 5). */
export function parseTour(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : NaN
  return Number.isFinite(n) && n >= 5 ? n : null
}

/** Parses the map measure; volume unless known. */
export const parseMeasure = (v: unknown): Measure => (MEASURES.includes(v as Measure) ? (v as Measure) : 'volume')

/** The current route's view options. */
export function useWallQuery(): ComputedRef<WallQuery> {
  const route = useRoute()
  return computed(() => ({
    fit: parseFitMode(route.query.fit),
    fitGiven: typeof route.query.fit === 'string' && route.query.fit !== '',
    width: parsePixels(route.query.w),
    height: parsePixels(route.query.h),
    layout: parseLayout(route.query.layout),
    grid: parseGrid(route.query.grid),
    bezel: parseBezel(route.query.bezel),
    tour: parseTour(route.query.tour),
    measure: parseMeasure(route.query.measure),
    scale: parseMapScale(route.query.scale),
    points: typeof route.query.points === 'string' && route.query.points ? route.query.points : 'all',
    zoom: typeof route.query.zoom === 'string' && route.query.zoom ? route.query.zoom : null,
  }))
}
