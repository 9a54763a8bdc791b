/** Failed token checks per IP in a sliding window: past the limit, that IP is refused for a while. */

export interface AuthFailuresOptions {
  /** Failures allowed per IP within the window. */
  max: number
  /** @default 10 minutes */
  windowMs?: number
  /** IPs remembered at most (oldest forgotten first). @default 10_000 */
  maxIps?: number
  /** @default Date.now */
  clock?: () => number
}

export type AuthFailures = ReturnType<typeof createAuthFailures>

export function createAuthFailures({ max, windowMs = 10 * 60_000, maxIps = 10_000, clock = Date.now }: AuthFailuresOptions) {
  // ip → times of its recent failures (at most max + 1 kept).
  const failures = new Map<string, number[]>()
  const recent = (ip: string): number[] => {
    const list = failures.get(ip)
    if (!list) return []
    const since = clock() - windowMs
    while (list.length && list[0] <= since) list.shift()
    if (!list.length) failures.delete(ip)
    return list
  }
  return {
    /** Records a failed token check from `ip`. */
    fail(ip: string): void {
      const list = recent(ip)
      list.push(clock())
      if (list.length > max + 1) list.shift()
      failures.delete(ip)
      failures.set(ip, list)
      if (failures.size > maxIps) failures.delete(failures.keys().next().value!)
    },
    /** Seconds until `ip` may try again, or 0 when it is not locked out. */
    lockedFor(ip: string): number {
      const list = recent(ip)
      if (list.length < max) return 0
      return Math.max(1, Math.ceil((list[list.length - max] + windowMs - clock()) / 1000))
    },
  }
}
