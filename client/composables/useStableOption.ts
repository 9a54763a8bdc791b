import { shallowRef, watch, type ShallowRef } from 'vue'

/**
 * A chart option rebuilt only when its inputs' key changes and the same object otherwise, so
 * vue-echarts skips setOption and the chart neither repaints nor re-animates on every tick.
 * `key` is what is tracked; `build` runs untracked.
 */
export function useStableOption<T>(key: () => string | null, build: () => T): ShallowRef<T | null> {
  const option = shallowRef<T | null>(null)
  watch(key, (k) => (option.value = k == null ? null : build()), { immediate: true })
  return option
}
