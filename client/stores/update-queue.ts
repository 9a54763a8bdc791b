/**
 * Chart updates of one tick run one per task, so a tick's ECharts work never becomes a single
 * long task and input, clock and frames get the main thread in between. A newer update of a chart
 * replaces its pending one (still at most one render per tick); `whenIdle` reports a tick's work.
 */

/** Runs `fn` in a later task. */
export type PostTask = (fn: () => void) => void

/** Options of {@link createUpdateQueue}. */
export interface UpdateQueueOptions {
  /** @default a MessageChannel message (a task without setTimeout's 4 ms clamp) */
  post?: PostTask
  /** @default performance.now */
  now?: () => number
}

/** A queue of keyed jobs, one per task. */
export interface UpdateQueue {
  /** Queues `job` under `key`, replacing a pending job of the same key (which keeps its place). */
  schedule: (key: object, job: () => void) => void
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
  waiters: Waiter[]
  /** The tick (whenIdle call) it was scheduled for. */
  gen: number
}

/** Creates a queue (the wall uses one, {@link chartUpdates}). */
export function createUpdateQueue(options: UpdateQueueOptions = {}): UpdateQueue {
  const now = options.now ?? (() => performance.now())
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
  const runOne = () => {
    posted = false
    const next = entries.entries().next()
    if (next.done) return
    const [key, e] = next.value
    entries.delete(key)
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
  return {
    schedule(key, job) {
      const old = entries.get(key)
      // A replaced job's waiters wait for its replacement, which does that work now.
      if (old) {
        old.job = job
        old.gen = gen
      } else entries.set(key, { job, waiters: [], gen })
      ensurePosted()
    },
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

/** The wall's chart updates. */
export const chartUpdates = createUpdateQueue()
