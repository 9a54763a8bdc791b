/**
 * The kiosk tour and carousel, as pure logic: the stops a `?stops=` list expands to, and the
 * countdown that an operator's interaction pauses and idleness resumes (clock injected).
 */

/** The next stop of a kiosk tour over [base, ...children]: after the last child, back to base. */
export function nextTourStop(base: string, children: string[], current: string): string {
  const stops = [base, ...children]
  const i = stops.indexOf(current)
  return stops[(i + 1) % stops.length] ?? base
}

/** One stop of a carousel: a wall view or a briefing page. */
export interface TourStop {
  page: 'wall' | 'briefing'
  region: string
  /** Query parameters the stop sets (measure, zoom, slide); the others are kept. */
  query: Record<string, string | undefined>
  /** What the indicator names it by: a region code (named through the region's info) or a message key. */
  label: { region: string } | { key: 'tourOverdue' | 'tourBriefing'; region: string; slide?: string }
}

/** Kinds of `?stops=` items. */
export const STOP_KINDS = ['city', 'children', 'worst', 'overdue', 'briefing'] as const

/** The briefing pages a `briefing` stop shows, by slide key. */
export const BRIEFING_TOUR_SLIDES = ['overview', 'hot', 'ranking', 'overdue'] as const

/** A child and its overdue count, to rank the worst. */
export interface ChildLoad {
  code: string
  overdue: number
}

/**
 * The children a tour may visit: none on a parent wall (`rollUp`), whose children are the roots'
 * own walls served by other processes, so its stops stay on the parent's pages.
 */
export function tourChildren(s: { children: readonly ChildLoad[]; rollUp?: unknown }): ChildLoad[] {
  return s.rollUp ? [] : s.children.map((c) => ({ code: c.code, overdue: c.overdue }))
}

/**
 * The stops of `?stops=` (comma-separated): `city` the base wall, `children` each child, `worstN`
 * the N children with most overdue requests (3 when N is left out), `overdue` the base's ranking by
 * overdue over its screen, `briefing` the briefing's main pages. Unknown items are ignored; an empty
 * list is `city,children` (the tour before carousels).
 */
export function expandStops(spec: string | null, base: string, children: ChildLoad[]): TourStop[] {
  const items = (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const wall = (region: string, query: TourStop['query'] = {}): TourStop => ({ page: 'wall', region, query: { measure: undefined, zoom: undefined, ...query }, label: { region } })
  const out: TourStop[] = []
  for (const item of items.length ? items : ['city', 'children']) {
    const worst = /^worst(\d*)$/.exec(item)
    if (item === 'city') out.push(wall(base))
    else if (item === 'children') out.push(...children.map((c) => wall(c.code)))
    else if (worst) {
      const n = worst[1] ? Number(worst[1]) : 3
      const ranked = [...children].sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)).slice(0, n)
      out.push(...ranked.map((c) => wall(c.code, { measure: 'overdue' })))
    } else if (item === 'overdue') out.push({ ...wall(base, { measure: 'overdue', zoom: 'ranking' }), label: { key: 'tourOverdue', region: base } })
    else if (item === 'briefing')
      out.push(...BRIEFING_TOUR_SLIDES.map((slide): TourStop => ({ page: 'briefing', region: base, query: { slide }, label: { key: 'tourBriefing', region: base, slide } })))
  }
  return out.length ? out : [wall(base)]
}

/** The countdown of a tour: when the next stop is due, paused by interaction until idle again. */
export interface TourClock {
  /** An operator's click, key or wheel: pauses until `idleMs` without one. */
  interact(now: number): void
  /** Whether the tour should move on now (and restarts the countdown when it does). */
  due(now: number): boolean
  /** Seconds left at this stop (the full period while paused). */
  remaining(now: number): number
  paused(now: number): boolean
}

/**
 * A tour clock with `periodMs` per stop, paused by interaction for `idleMs`. `state` is shared by
 * the clocks of successive pages (a drill-down remounts the page), so a pause survives it.
 */
export function createTourClock(periodMs: number, idleMs: number, start: number, state: { lastInteraction: number } = { lastInteraction: -Infinity }): TourClock {
  let deadline = start + periodMs
  const paused = (now: number) => now - state.lastInteraction < idleMs
  return {
    interact(now) {
      state.lastInteraction = now
    },
    paused,
    due(now) {
      if (paused(now)) {
        // Resuming gives the stop its whole period again.
        deadline = Math.max(deadline, state.lastInteraction + idleMs + periodMs)
        return false
      }
      if (now < deadline) return false
      deadline = now + periodMs
      return true
    },
    remaining(now) {
      if (paused(now)) return periodMs / 1000
      return Math.max(0, Math.ceil((deadline - now) / 1000))
    },
  }
}
