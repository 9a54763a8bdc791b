import { onKeyStroke, useSwipe } from '@vueuse/core'
import { ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue'

/** Options of {@link useSlideNav}. */
export interface UseSlideNavOptions {
  /** Element swiped on (touch screens). @default null */
  swipeTarget?: Ref<HTMLElement | null>
  /** Paging is ignored while this is true (e.g. during an export). @default false */
  locked?: MaybeRefOrGetter<boolean>
}

/** What {@link useSlideNav} returns: the page (0-based) and moves. */
export interface UseSlideNavReturn {
  page: Ref<number>
  next: () => void
  prev: () => void
  go: (i: number) => void
}

// Presenter clickers send PageDown/PageUp (some send arrows or B/period for blanking, which we ignore).
const NEXT_KEYS = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']
const PREV_KEYS = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']

/** Pages through `count` slides with the keyboard, a presenter's clicker, or a swipe. */
export function useSlideNav(count: MaybeRefOrGetter<number>, options: UseSlideNavOptions = {}): UseSlideNavReturn {
  const page = ref(0)
  const go = (i: number) => {
    if (toValue(options.locked)) return
    page.value = Math.max(0, Math.min(toValue(count) - 1, i))
  }
  const next = () => go(page.value + 1)
  const prev = () => go(page.value - 1)
  const skipInputs = (e: KeyboardEvent) => e.target instanceof HTMLInputElement || e.target instanceof HTMLButtonElement
  onKeyStroke(NEXT_KEYS, (e) => {
    if (skipInputs(e)) return
    e.preventDefault()
    next()
  })
  onKeyStroke(PREV_KEYS, (e) => {
    if (skipInputs(e)) return
    e.preventDefault()
    prev()
  })
  onKeyStroke('Home', () => go(0))
  onKeyStroke('End', () => go(toValue(count) - 1))
  if (options.swipeTarget) {
    useSwipe(options.swipeTarget, {
      threshold: 60,
      onSwipeEnd: (_e, dir) => {
        if (dir === 'left') next()
        else if (dir === 'right') prev()
      },
    })
  }
  return { page, next, prev, go }
}
