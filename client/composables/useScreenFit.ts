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
}

/** What {@link useScreenFit} returns. */
export interface UseScreenFitReturn {
  stage: ComputedRef<{ width: number; height: number }>
  fit: ComputedRef<Fit>
  /** devicePixelRatio charts should render at. */
  pixelRatio: ComputedRef<number>
}

const FIT_KEY: InjectionKey<UseScreenFitReturn> = Symbol('screen-fit')

/** Fits the design canvas to the window (or `?w=&h=`) and provides the result to charts. */
export function useScreenFit(options: UseScreenFitOptions = {}): UseScreenFitReturn {
  const win = useWindowSize()
  const stage = computed(() => ({
    width: toValue(options.width) ?? win.width.value,
    height: toValue(options.height) ?? win.height.value,
  }))
  const fit = computed(() => computeFit(stage.value.width, stage.value.height, toValue(options.mode) ?? 'letterbox'))
  const pixelRatio = computed(() => chartPixelRatio(fit.value, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1))
  const result = { stage, fit, pixelRatio }
  provide(FIT_KEY, result)
  return result
}

/** The chart pixel ratio provided by the enclosing screen canvas (1 outside one). */
export function useChartPixelRatio(): ComputedRef<number> {
  const fit = inject(FIT_KEY, null)
  return computed(() => fit?.pixelRatio.value ?? 1)
}
