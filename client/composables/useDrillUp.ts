import { computed, shallowRef, type ComputedRef, type Ref } from 'vue'

/** The wall's last drill-down. Module state: the page is remounted per region, this outlives it. */
const lastDrill = shallowRef<{ code: string; from: string } | null>(null)

/**
 * The region one level up: the last of its ancestors once they have arrived, and before that the
 * region it was drilled into from, so "up" (Esc) works at once after a drill-down.
 */
export function useDrillUp(region: Ref<string>, ancestors: Ref<readonly { code: string }[]>): { parentCode: ComputedRef<string | null>; noteDrill: (code: string) => void } {
  const parentCode = computed(() => ancestors.value.at(-1)?.code ?? (lastDrill.value?.code === region.value ? lastDrill.value.from : null))
  const noteDrill = (code: string) => {
    lastDrill.value = { code, from: region.value }
  }
  return { parentCode, noteDrill }
}
