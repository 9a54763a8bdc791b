/**
 * The one hook product code calls for measurement: trace marks, a tick's cost, the first figures.
 * Inert (nothing recorded, nothing global) unless a benchmark or browser test opens the wall with
 * `?trace=1`; `client/main.ts` then installs `install.ts` before the wall mounts.
 */

/** Names of the User Timing marks the trace benchmarks look for. */
export type TraceName = 'yiwang:update' | `yiwang:chart:${string}`

/** What an installed measurement does at each hook. */
export interface MeasureHook {
  /** A named moment for Chromium traces. */
  mark(name: TraceName): void
  /** A tick's update starts; the function returned is called once its state is applied. */
  tick(): () => void
  /** A region's first figures are applied. */
  firstData(): void
}

/** The URL parameter that asks for measurement: `?trace=1`. */
export const TRACE_PARAM = 'trace'

let hook: MeasureHook | null = null

/** Whether a page's query asks for measurement. */
export const traceRequested = (search: string): boolean => new URLSearchParams(search).get(TRACE_PARAM) === '1'

/** Installs (or, with null, removes) the measurement behind the hook. */
export function installMeasureHook(h: MeasureHook | null): void {
  hook = h
}

/** The hook: each call does nothing unless measurement is installed. */
export const measure = {
  get enabled(): boolean {
    return hook !== null
  },
  mark(name: TraceName): void {
    hook?.mark(name)
  },
  /** Call at the start of a tick's update and call what it returns once the update is applied. */
  tick(): (() => void) | undefined {
    return hook?.tick()
  },
  firstData(): void {
    hook?.firstData()
  },
}
