import { useWindowSize } from '@vueuse/core'
import { computed, inject, provide, type ComputedRef, type InjectionKey, type MaybeRefOrGetter, toValue } from 'vue'
import { chartPixelRatio, computeFit, type Fit, type FitMode } from '../layout/fit.ts'

/** Options of {@link useScreenFit}. */
export interface UseScreenFitOptions {
  /** Fit mode. @default 'letterbox' */
  mode?: MaybeRefOrGetter<FitMode>
  /** Stage width in px, or null for the window's. @default null */
  width?: MaybeRefOrGetter<number | null>
  /** Stage height in px, or null for the window's. @default null */
  height?: MaybeRefOrGetter<number | null>
  /** A fit computed by the caller for the stage (a wall layout's), instead of the mode's. @default null */
  fit?: (stage: { width: number; height: number }) => Fit | null
}

/** What {@link useScreenFit} returns. */
export interface UseScreenFitReturn {
  stage: ComputedRef<{ width: number; height: number }>
  fit: ComputedRef<Fit>
  /** devicePixelRatio charts should render at. */
  pixelRatio: ComputedRef<number>
  /**
   * The stage's own scale in the window: 1, or less when `?w=&h=` asks for a wall larger than the
   * window (a preview of the whole wall rather than its top-left corner).
   */
  preview: ComputedRef<number>
}

const FIT_KEY: InjectionKey<UseScreenFitReturn> = Symbol('screen-fit')

/** Fits the design canvas to the window (or `?w=&h=`) and provides the result to charts. */
export function useScreenFit(options: UseScreenFitOptions = {}): UseScreenFitReturn {
  const win = useWindowSize()
  const stage = computed(() => ({
    width: toValue(options.width) ?? win.width.value,
    height: toValue(options.height) ?? win.height.value,
  }))
  const fit = computed(() => options.fit?.(stage.value) ?? computeFit(stage.value.width, stage.value.height, toValue(options.mode) ?? 'letterbox'))
  const preview = computed(() => Math.min(1, win.width.value / stage.value.width, win.height.value / stage.value.height))
  const pixelRatio = computed(() =>
    chartPixelRatio(fit.value, (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1) * preview.value),
  )
  const result = { stage, fit, pixelRatio, preview }
  provide(FIT_KEY, result)
  return result
}

/** The chart pixel ratio provided by the enclosing screen canvas (1 outside one). */
export function useChartPixelRatio(): ComputedRef<number> {
  const fit = inject(FIT_KEY, null)
  return computed(() => fit?.pixelRatio.value ?? 1)
}
