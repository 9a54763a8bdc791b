/**
 * Time limits of a request's handling, as the KPIs apply them when upstream sets none.
 * Documented defaults (docs/kpis.md); a `request.created` may carry its own `deadline`.
 */
import { DAY_MS, HOUR_MS } from '../time-windows.ts'

/** 办理时限（紧急）: an urgent request without a deadline is due 24 h after it was created. */
export const DEFAULT_URGENT_DEADLINE_MS = 24 * HOUR_MS
/** 办理时限（一般）: a normal request without a deadline is due 7 days after it was created. */
export const DEFAULT_NORMAL_DEADLINE_MS = 7 * DAY_MS
/** 签收时限（紧急）: an urgent dispatch signed for within 1 h counts as 及时签收. */
export const SIGN_LIMIT_URGENT_MS = HOUR_MS
/** 签收时限（一般）: a normal dispatch signed for within 4 h counts as 及时签收. */
export const SIGN_LIMIT_NORMAL_MS = 4 * HOUR_MS
