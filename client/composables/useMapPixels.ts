import { computed, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { Position } from '../../shared/geo-types.ts'
import type { MapGeometry, ToPx } from '../charts/map-geometry.ts'
import type { LabelInput } from '../charts/map-labels.ts'

export interface UseMapPixelsReturn {
  /** Map units → panel px, once the map is laid out. */
  toPx: ShallowRef<ToPx | null>
  /** The map's box in panel px. */
  box: ShallowRef<{ width: number; height: number }>
  /** The map's `layout` handler. */
  onLayout: (f: ToPx | null, b: { width: number; height: number }) => void
  /** Each child's boundary in panel px (for labels and hit tests), once per layout. */
  shapes: ComputedRef<LabelInput[]>
  /** A longitude/latitude in panel px, or null before the layout. */
  project: ComputedRef<((coord: Position) => [number, number]) | null>
}

/** The region map's geometry in panel px, recomputed when the map or its layout changes. */
export function useMapPixels(map: Ref<MapGeometry | null | undefined>): UseMapPixelsReturn {
  const toPx = shallowRef<ToPx | null>(null)
  const box = shallowRef({ width: 0, height: 0 })
  const onLayout = (f: ToPx | null, b: { width: number; height: number }) => {
    toPx.value = f
    box.value = b
  }
  const shapes = computed(() => {
    const m = map.value
    const px = toPx.value
    if (!m || !px) return []
    return m.shapes.map((s) => ({ code: s.code, name: s.name, rings: s.rings.map((r) => r.map((p) => px(p))), center: px(s.center) }))
  })
  const project = computed(() => {
    const m = map.value
    const px = toPx.value
    return m && px ? (coord: Position) => px(m.project(coord)) : null
  })
  return { toPx, box, onLayout, shapes, project }
}
