/**
 * The window a share panel shows: today, or while today has no requests yet (at night, in a small
 * region) yesterday, else the last 7 days, labelled so; null when all three are empty (暂无数据).
 */
import type { Snapshot, WindowFigures } from '../../shared/kpi-types.ts'

export type ShownWindow = { key: 'today' | 'yesterday' | 'last7'; figures: WindowFigures }

export function shownWindow(s: Snapshot | null): ShownWindow | null {
  if (!s) return null
  for (const key of ['today', 'yesterday', 'last7'] as const) if (s.windows[key].accepted > 0) return { key, figures: s.windows[key] }
  return null
}
