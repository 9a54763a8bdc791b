import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { MEASURES, type Measure } from '../charts/region-map.ts'
import { parseFitMode, parsePixels, type FitMode } from '../layout/fit.ts'

/** The wall's view options, all held in the URL. */
export interface WallQuery {
  fit: FitMode
  width: number | null
  height: number | null
  /** Seconds per stop of the kiosk tour, or null when not touring. */
  tour: number | null
  measure: Measure
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
    width: parsePixels(route.query.w),
    height: parsePixels(route.query.h),
    tour: parseTour(route.query.tour),
    measure: parseMeasure(route.query.measure),
  }))
}
