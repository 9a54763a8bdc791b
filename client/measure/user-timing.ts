import type { TraceName } from './hook.ts'

/**
 * A User Timing mark for Chromium traces (the update-cost benchmark finds a tick's tasks by it),
 * cleared at once so a page traced for hours keeps no performance entries.
 */
export function traceMark(name: TraceName): void {
  if (typeof performance === 'undefined' || !performance.mark) return
  performance.mark(name)
  performance.clearMarks(name)
}
