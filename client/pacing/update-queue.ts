/**
 * Chart updates of one tick run one per task, so a tick's ECharts work never becomes a single
 * long task and input, clock and frames get the main thread in between. A newer update of a chart
 * replaces its pending one (still at most one render per tick); `whenIdle` reports a tick's work.
 *
 * A paced queue (`perTick`) also caps how many redraws a tick runs: the live wall's canvas charts
 * redraw one per tick, the oldest waiting first, so a tick's main-thread work stays bounded when
 * every chart changes at once; a chart that waits is drawn on the next tick (or after `releaseMs`
 * when no tick comes). A chart's first draw never waits.
 */

/** Runs `fn` in a later task. */
export type PostTask = (fn: () => void) => void

/** Options of {@link createUpdateQueue}. */
export interface UpdateQueueOptions {
  /** @default a MessageChannel message (a task without setTimeout's 4 ms clamp) */
  post?: PostTask
  /** @default performance.now */
  now?: () => number
  /** Redraws per tick ({@link UpdateQueue.tick}); first draws are not counted. @default Infinity */
  perTick?: number
  /** A waiting redraw runs after this long without a tick. @default 1.5 × the last tick's `expectedMs`, else 1500 */
  releaseMs?: () => number
  /** @default setTimeout */
  setTimer?: (fn: () => void, ms: number) => unknown
}

/** A queue of keyed jobs, one per task. */
export interface UpdateQueue {
  /**
   * Queues `job` under `key`, replacing a pending job of the same key (which keeps its place).
   * `first`: the chart's first draw, which a paced queue does not hold back.
   */
  schedule: (key: object, job: () => void, first?: boolean) => void
  /** A new tick, the next one expected in `expectedMs`: a paced queue's redraw budget is renewed. */
  tick: (expectedMs?: number) => void
  /** Drops the pending job of `key`. */
  cancel: (key: object) => void
  /** Calls `cb` once the jobs scheduled since the last call have run, with the ms they took (0 at once if none). */
  whenIdle: (cb: (busyMs: number) => void) => void
  /** Jobs pending. */
  readonly size: number
}

function messageChannelPost(): PostTask {
  if (typeof MessageChannel === 'undefined') return (fn) => setTimeout(fn, 0)
  const ch = new MessageChannel()
  const queue: (() => void)[] = []
  ch.port1.onmessage = () => queue.shift()?.()
  return (fn) => {
    queue.push(fn)
    ch.port2.postMessage(null)
  }
}

interface Waiter {
  cb: (busyMs: number) => void
  remaining: number
  busy: number
}
interface Entry {
  job: () => void
  first: boolean
  waiters: Waiter[]
  /** The tick (whenIdle call) it was scheduled for. */
  gen: number
}

/** Creates a queue: {@link chartUpdates} for the briefing's charts, the paced {@link liveChartUpdates} for the wall's live charts drawn on the page. */
export function createUpdateQueue(options: UpdateQueueOptions = {}): UpdateQueue {
  const now = options.now ?? (() => performance.now())
  const perTick = options.perTick ?? Infinity
  let expected = 1000
  const releaseMs = options.releaseMs ?? (() => 1.5 * expected)
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms))
  let budget = perTick
  let releaseArmed = false
  let ticks = 0
  let post = options.post
  const entries = new Map<object, Entry>()
  let posted = false
  let gen = 0

  // A waiter counts the jobs scheduled since the previous waiter, so each tick gets its own charts' work.
  const finish = (e: Entry, ms: number) => {
    for (const w of e.waiters) {
      w.busy += ms
      if (--w.remaining === 0) w.cb(w.busy)
    }
  }
  /** The next job allowed now: a first draw, or the oldest redraw while the tick has budget. */
  const nextRunnable = (): [object, Entry] | undefined => {
    for (const kv of entries) if (kv[1].first || budget > 0) return kv
    return undefined
  }
  const runOne = () => {
    posted = false
    const next = nextRunnable()
    if (!next) {
      // Redraws wait for the next tick; a wall whose feed went quiet draws them a little later.
      if (entries.size && !releaseArmed) {
        releaseArmed = true
        const armedAt = ticks
        setTimer(() => {
          releaseArmed = false
          // A tick came meanwhile: its budget decides (and re-arms this if it is spent).
          if (ticks === armedAt) tick()
          else if (entries.size) ensurePosted()
        }, releaseMs())
      }
      return
    }
    const [key, e] = next
    entries.delete(key)
    if (!e.first) budget--
    if (entries.size) ensurePosted()
    const t0 = now()
    try {
      e.job()
    } finally {
      finish(e, now() - t0)
    }
  }
  const ensurePosted = () => {
    if (posted) return
    posted = true
    ;(post ??= messageChannelPost())(runOne)
  }
  const tick = (expectedMs?: number) => {
    if (expectedMs && expectedMs > 0) expected = expectedMs
    ticks++
    budget = perTick
    if (entries.size) ensurePosted()
  }
  return {
    schedule(key, job, first = false) {
      const old = entries.get(key)
      // A replaced job's waiters wait for its replacement, which does that work now.
      if (old) {
        old.job = job
        old.gen = gen
        old.first ||= first
      } else entries.set(key, { job, first, waiters: [], gen })
      ensurePosted()
    },
    tick,
    cancel(key) {
      const e = entries.get(key)
      if (!e) return
      entries.delete(key)
      finish(e, 0)
    },
    whenIdle(cb) {
      const mine = [...entries.values()].filter((e) => e.gen === gen)
      gen++
      if (!mine.length) return cb(0)
      const w: Waiter = { cb, remaining: mine.length, busy: 0 }
      for (const e of mine) e.waiters.push(w)
    },
    get size() {
      return entries.size
    },
  }
}

/** Chart updates of pages without a live feed (the briefing's slides): all drawn at once. */
export const chartUpdates = createUpdateQueue()

/** Redraws of the live wall's canvas charts per tick. */
export const LIVE_REDRAWS_PER_TICK = 1

/** The live wall's chart updates: paced, {@link LIVE_REDRAWS_PER_TICK} redraw a tick (the wall store calls `tick`). */
export const liveChartUpdates = createUpdateQueue({ perTick: LIVE_REDRAWS_PER_TICK })
