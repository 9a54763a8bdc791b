import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Alert } from '../../shared/alerts.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { RegionInfo } from '../../shared/region-types.ts'
import { followSnapshot } from '../../shared/snapshot-feed.ts'
import type { Frame, Subscription } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { DEFAULT_TICK_MS, type Meta } from '../api/http.ts'
import { measure } from '../measure/hook.ts'
import { createTickCoalescer, type TickBatch } from '../pacing/tick-batch.ts'
import { liveChartUpdates } from '../pacing/update-queue.ts'

/** Ticker lines kept on screen. */
export const MAX_TICKER = 30
/** Alerts kept on screen. */
export const MAX_ALERTS = 20

/** The wall's live state: one region's snapshot, ticker and alerts, updated at most once a tick. */
export const useWallStore = defineStore('wall', () => {
  const meta = shallowRef<Meta | null>(null)
  const region = ref<string | null>(null)
  const info = shallowRef<RegionInfo | null>(null)
  const snapshot = shallowRef<Snapshot | null>(null)
  const ticker = shallowRef<TickerItem[]>([])
  const alerts = shallowRef<Alert[]>([])
  /** Ids of alerts acknowledged on any wall. */
  const acked = new Set<string>()
  const connected = ref(false)
  /** Local time (ms) the last snapshot arrived, for the data's age. */
  const receivedAt = ref<number | null>(null)
  /** Local time (ms) the server last confirmed the figures (a snapshot or a heartbeat). */
  const confirmedAt = ref<number | null>(null)
  /** Server time (ms) the last event was ingested, as the server last said (survives its restarts). */
  const lastEventAt = ref<number | null>(null)
  /** Server clock minus local clock (ms), from the last frame or subscription, for the data's age. */
  const skewMs = ref(0)
  /** False while the server reports its store unavailable: figures cannot move. */
  const storeHealthy = ref(true)
  /** Renders applied, for tests and the bench. */
  const renders = ref(0)
  /** The exact snapshot and version the deltas patch (ahead of `snapshot` between renders). */
  const follower = followSnapshot()
  /** Deltas that did not follow the version held (each asks for a fresh subscription). */
  const gaps = ref(0)

  const tickMs = () => meta.value?.tickMs ?? DEFAULT_TICK_MS

  function apply(batch: TickBatch) {
    const measured = measure.tick()
    // A new tick's redraw budget for the charts (a chart held back last tick goes first).
    liveChartUpdates.tick(tickMs())
    if (batch.snapshot && batch.snapshot.region === region.value) {
      if (!snapshot.value) measure.firstData()
      snapshot.value = batch.snapshot
      receivedAt.value = Date.now()
      confirmedAt.value = receivedAt.value
    }
    if (batch.ticker.length) {
      const fresh = batch.ticker.filter((t) => !ticker.value.some((o) => o.requestId === t.requestId))
      // Newest first by creation: the history loaded with the page may arrive after a live frame.
      ticker.value = [...fresh.reverse(), ...ticker.value].sort((a, b) => b.at - a.at).slice(0, MAX_TICKER)
    }
    if (batch.alerts.length) {
      // An acknowledged alert (from any wall) leaves this one and does not come back.
      for (const a of batch.alerts) if (a.ackedAt !== undefined) acked.add(a.id)
      const fresh = batch.alerts.filter((a) => !acked.has(a.id) && !alerts.value.some((o) => o.id === a.id)).sort((a, b) => b.at - a.at)
      alerts.value = [...fresh, ...alerts.value.filter((a) => !acked.has(a.id))].sort((a, b) => b.at - a.at).slice(0, MAX_ALERTS)
    }
    renders.value++
    measured?.()
  }

  const queue = createTickCoalescer({ intervalMs: tickMs, apply })

  /** Points the wall at a region; figures, ticker and alerts of another region are cleared. */
  function setRegion(code: string) {
    if (region.value === code) return
    queue.cancel()
    follower.reset(null)
    region.value = code
    info.value = null
    snapshot.value = null
    ticker.value = []
    alerts.value = []
    receivedAt.value = null
    confirmedAt.value = null
  }

  /** A heartbeat: the connection is alive and figures unchanged since the last push are current. */
  function heartbeat(healthy: boolean) {
    storeHealthy.value = healthy
    if (healthy && snapshot.value) confirmedAt.value = Date.now()
  }

  /** Notes the server's clock and its last ingest, for the data's age in the header. */
  function noteServerTime(at: number, last: number | null) {
    skewMs.value = at - Date.now()
    lastEventAt.value = last
  }

  /** Takes a subscription's snapshot straight away (a subscribe ack or a resync), bypassing the tick queue. */
  function resync(sub: Subscription) {
    if (sub.snapshot.region !== region.value) return
    noteServerTime(sub.snapshot.asOf, sub.snapshot.lastEventAt)
    follower.reset(sub)
    queue.snapshot(sub.snapshot)
    queue.flush()
  }

  /**
   * Takes a tick's frame of the wall's region: its delta is applied at once to the exact snapshot
   * (rendered at the next tick boundary), its ticker items queued, its liveness noted. Returns
   * false when the delta does not follow the version held: the caller resubscribes.
   */
  function pushFrame(frame: Frame): boolean {
    if (frame.region !== region.value) return true
    let inSequence = true
    if (frame.kpi) {
      const { snapshot: next, gap } = follower.take(frame.kpi)
      if (next) queue.snapshot(next)
      if (gap) {
        gaps.value++
        inSequence = false
      }
    }
    if (frame.ticker) queue.ticker(frame.ticker)
    noteServerTime(frame.at, frame.lastEventAt)
    heartbeat(frame.storeHealthy)
    return inSequence
  }

  /** The version of the snapshot held, or null before a subscription. */
  const seq = () => follower.current?.seq ?? null

  return {
    meta,
    region,
    info,
    snapshot,
    ticker,
    alerts,
    connected,
    receivedAt,
    confirmedAt,
    storeHealthy,
    lastEventAt,
    skewMs,
    heartbeat,
    renders,
    gaps,
    seq,
    pushFrame,
    tickMs,
    setRegion,
    resync,
    pushTicker: queue.ticker,
    pushAlert: queue.alert,
    cancelPending: queue.cancel,
  }
})
