import { shallowRef, watch, type ShallowRef } from 'vue'

/**
 * A chart option rebuilt only when its inputs' key changes and the same object otherwise, so
 * WallChart neither diffs nor repaints it on a tick that did not touch its figures.
 * `key` is what is tracked; `build` runs untracked.
 */
export function useStableOption<T>(key: () => string | null, build: () => T): ShallowRef<T | null> {
  const option = shallowRef<T | null>(null)
  watch(key, (k) => (option.value = k == null ? null : build()), { immediate: true })
  return option
}
