import { useWindowSize } from '@vueuse/core'
import { computed, type ComputedRef } from 'vue'
import type { WallQuery } from '../composables/useWallQuery.ts'
import { computeFit, type Fit } from './fit.ts'
import { wallShape, type WallShape } from './wall-shape.ts'

/** What {@link useWallShape} returns. */
export interface UseWallShapeReturn {
  shape: ComputedRef<WallShape>
  /** The design canvas on the stage, for `ScreenCanvas`. */
  fit: ComputedRef<Fit>
}

/**
 * The wall's shape for the stage (`?w=&h=` or the window): the layout chosen for its size, or
 * forced by `?layout=` / `?grid=`. With `?fit=` today's 16:9 layout is fitted as that mode says
 * (its canvas extended along the longer side), as one screen.
 */
export function useWallShape(query: ComputedRef<WallQuery>): UseWallShapeReturn {
  const win = useWindowSize()
  const stage = computed(() => ({ width: query.value.width ?? win.width.value, height: query.value.height ?? win.height.value }))
  const legacy = computed(() => (query.value.fitGiven ? computeFit(stage.value.width, stage.value.height, query.value.fit) : null))
  const shape = computed<WallShape>(() => {
    const q = query.value
    const f = legacy.value
    if (!f) return wallShape(stage.value.width, stage.value.height, { layout: q.layout, grid: q.grid, bezel: q.bezel })
    return {
      layout: '16x9',
      cols: 1,
      rows: 1,
      screen: { width: f.width, height: f.height },
      width: f.width,
      height: f.height,
      scale: Math.min(f.scaleX, f.scaleY),
      offsetX: f.offsetX,
      offsetY: f.offsetY,
      bezel: 0,
      seamPad: 0,
    }
  })
  const fit = computed<Fit>(() => {
    const s = shape.value
    return legacy.value ?? { width: s.width, height: s.height, scaleX: s.scale, scaleY: s.scale, offsetX: s.offsetX, offsetY: s.offsetY }
  })
  return { shape, fit }
}
