/** Following a region's snapshot from a subscription and the deltas after it. */
import { applyPatch, diffPatch, type Json } from './json-patch.ts'
import type { Snapshot } from './kpi-types.ts'
import type { KpiDelta, Subscription } from './socket-contract.ts'

/** The patch from one snapshot of a region to the next, or undefined when nothing changed. */
export const diffSnapshot = (prev: Snapshot, next: Snapshot) => diffPatch(prev as unknown as Json, next as unknown as Json)

/** What a delta means to a follower at version `seq`. */
export type DeltaFit = 'apply' | 'stale' | 'gap'

/** `apply` when the delta follows `seq`, `stale` when `seq` already includes it, `gap` when one was missed. */
export function deltaFit(seq: number | null, delta: KpiDelta): DeltaFit {
  if (seq === null) return 'gap'
  if (delta.base === seq) return 'apply'
  return delta.seq <= seq ? 'stale' : 'gap'
}

/** The snapshot after `delta`; unchanged parts are shared with `prev`. */
export const applyDelta = (prev: Snapshot, delta: KpiDelta): Snapshot => applyPatch(prev as unknown as Json, delta.patch) as unknown as Snapshot

/** A region's snapshot kept exact by deltas; a gap asks for a fresh subscription. */
export interface SnapshotFollower {
  readonly current: Subscription | null
  /** Starts over from a subscribe ack. */
  reset(sub: Subscription | null): void
  /** Applies a delta; the new snapshot, or null when it was stale (ignored) or a gap (resubscribe). */
  take(delta: KpiDelta): { snapshot: Snapshot | null; gap: boolean }
}

/** A follower for one region. */
export function followSnapshot(): SnapshotFollower {
  let current: Subscription | null = null
  return {
    get current() {
      return current
    },
    reset(sub) {
      current = sub
    },
    take(delta) {
      const fit = deltaFit(current?.seq ?? null, delta)
      if (fit !== 'apply' || !current) return { snapshot: null, gap: fit === 'gap' }
      current = { seq: delta.seq, snapshot: applyDelta(current.snapshot, delta) }
      return { snapshot: current.snapshot, gap: false }
    },
  }
}
