import { useElementSize, type MaybeComputedElementRef } from '@vueuse/core'
import { computed, type ComputedRef, type ShallowRef } from 'vue'

/**
 * The size of an element's box, and a style that gives an SVG exactly that size in px.
 *
 * An SVG root sized in percent is laid out again, with every shape in it, whenever layout passes
 * through its container: on the wall that is every tick, as text elsewhere in the column changes.
 * For the map's real boundaries (50k characters of path data) that is the path geometry rebuilt
 * twice a tick. Sized in px, the SVG is laid out only when its box really changes size.
 */
export function useSvgBox(box: MaybeComputedElementRef): {
  width: ShallowRef<number>
  height: ShallowRef<number>
  style: ComputedRef<{ width: string; height: string }>
} {
  const { width, height } = useElementSize(box)
  const style = computed(() => ({ width: `${width.value}px`, height: `${height.value}px` }))
  return { width, height, style }
}
