/** The store contract: one vitest suite that every `EventStore` implementation must pass unchanged. */
import { afterEach, describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import type { Checkpoint, EventStore } from './event-store.ts'

/** A store under test, and how to reopen it on the same data. */
export interface StoreUnderTest {
  /** A new, not yet opened store. */
  store: EventStore
  /** A new, not yet opened store on the same data (close the previous one first). */
  reopen(): Promise<EventStore>
  /** Removes the data. */
  cleanup(): Promise<void>
  /**
   * Whether the log is kept behind the latest checkpoint (the embedded store keeps `LOG_KEEP_DAYS`),
   * so a refused checkpoint is rebuilt from it. A store trimming its log to the checkpoint (Redis)
   * must refuse to open instead, never replay a log with a hole.
   */
  keepsLogBehindCheckpoint: boolean
}

/** What an opened store replayed and then delivered. */
interface Opened {
  store: EventStore
  checkpoints: Checkpoint[]
  commits: IngestEvent[][]
  ids(): string[]
}

let seq = 0
/** A valid request.created on 解放社区's first grid, `daysAgo` days back. */
export function contractEvent(id = `c${++seq}`, daysAgo = 0): IngestEvent {
  return {
    id,
    type: 'request.created',
    at: new Date(Date.now() - daysAgo * 86_400_000 - 60_000).toISOString(),
    requestId: `R-${id}`,
    region: '210302002001001',
    category: '供暖',
    channel: 'hotline',
    urgency: 'normal',
  }
}

async function openStore(store: EventStore, acceptCheckpoint = true): Promise<Opened> {
  const o: Opened = {
    store,
    checkpoints: [],
    commits: [],
    ids: () => o.commits.flat().map((e) => e.id),
  }
  await store.open(
    (c) => {
      o.checkpoints.push({ cursor: c.cursor, state: Uint8Array.from(c.state) })
      return acceptCheckpoint
    },
    (events) => o.commits.push(events.slice()),
  )
  return o
}

/** What a contract test may set on the store it makes: its clock and the id window (`DEDUPE_DAYS`). */
export interface ContractSettings {
  clock?: () => number
  dedupeDays?: number
}

/** Registers the contract suite for one implementation. */
export function describeStoreContract(name: string, make: (settings?: ContractSettings) => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let sut: StoreUnderTest
    let open: EventStore[] = []
    afterEach(async () => {
      for (const s of open) await s.close().catch(() => {})
      open = []
      await sut?.cleanup()
    })
    async function start(acceptCheckpoint = true, store?: EventStore, settings?: ContractSettings): Promise<Opened> {
      if (!store) {
        sut = await make(settings)
        store = sut.store
      }
      open.push(store)
      return openStore(store, acceptCheckpoint)
    }
    async function reopen(prev: Opened, acceptCheckpoint = true): Promise<Opened> {
      await prev.store.close()
      open = open.filter((s) => s !== prev.store)
      return start(acceptCheckpoint, await sut.reopen())
    }

    it('is healthy and answers ping once open', async () => {
      const o = await start()
      expect(o.store.healthy).toBe(true)
      expect(await o.store.ping()).toBeGreaterThanOrEqual(0)
    })

    it('dedupes within a batch and across batches, flags in batch order', async () => {
      const o = await start()
      const [a, b, c] = [contractEvent(), contractEvent(), contractEvent()]
      expect(await o.store.append([a, b, a])).toEqual({ fresh: [true, true, false] })
      expect(await o.store.append([c, b, contractEvent(a.id)])).toEqual({ fresh: [true, false, false] })
      expect(await o.store.append([])).toEqual({ fresh: [] })
      expect(o.ids()).toEqual([a.id, b.id, c.id])
    })

    it('delivers every fresh event exactly once, in order, before append resolves', async () => {
      const o = await start()
      const batches = [0, 1, 2].map(() => [contractEvent(), contractEvent(undefined, 1), contractEvent(undefined, 40)])
      for (const batch of batches) {
        await o.store.append(batch)
        expect(o.ids().slice(-3)).toEqual(batch.map((e) => e.id))
      }
      expect(o.ids()).toEqual(batches.flat().map((e) => e.id))
      expect(o.commits.flat()).toEqual(batches.flat())
    })

    it('replays everything on reopen, and still knows the ids', async () => {
      let o = await start()
      const events = [contractEvent(), contractEvent(), contractEvent(undefined, 3)]
      await o.store.append(events.slice(0, 2))
      await o.store.append(events.slice(2))
      o = await reopen(o)
      expect(o.checkpoints).toEqual([])
      expect(o.commits.flat()).toEqual(events)
      expect(await o.store.append([events[1], contractEvent('after-reopen')])).toEqual({ fresh: [false, true] })
      expect(o.ids().slice(-1)).toEqual(['after-reopen'])
    })

    it('restores a checkpoint and replays only what came after it', async () => {
      let o = await start()
      const before = [contractEvent(), contractEvent()]
      const after = [contractEvent(), contractEvent(undefined, 2)]
      await o.store.append(before)
      const state = Uint8Array.from([0, 1, 2, 255, 0, 10, 13])
      await o.store.saveCheckpoint(state)
      await o.store.append(after)
      o = await reopen(o)
      expect(o.checkpoints).toHaveLength(1)
      expect([...o.checkpoints[0].state]).toEqual([...state])
      expect(o.commits.flat()).toEqual(after)
      expect(await o.store.append(before)).toEqual({ fresh: [false, false] })
    })

    it('replays everything when the checkpoint is refused, or refuses to open when the log before it is gone', async () => {
      let o = await start()
      const events = [contractEvent(), contractEvent(), contractEvent()]
      await o.store.append(events.slice(0, 1))
      await o.store.saveCheckpoint(Uint8Array.from([42]))
      await o.store.append(events.slice(1))
      if (!sut.keepsLogBehindCheckpoint) {
        await o.store.close()
        open = open.filter((s) => s !== o.store)
        const next = await sut.reopen()
        open.push(next)
        await expect(openStore(next, false)).rejects.toThrow(/trimmed/)
        return
      }
      o = await reopen(o, false)
      expect(o.checkpoints).toHaveLength(1)
      expect(o.commits.flat()).toEqual(events)
    })

    it('delivers all of many concurrent appends once, with overlapping ids applied once', async () => {
      const o = await start()
      const shared = Array.from({ length: 20 }, () => contractEvent())
      const batches = Array.from({ length: 25 }, (_, i) => [contractEvent(), shared[i % 20], contractEvent(undefined, i % 3)])
      const results = await Promise.all(batches.map((b) => o.store.append(b)))
      const freshIds = results.flatMap((r, i) => batches[i].filter((_, j) => r.fresh[j]).map((e) => e.id))
      expect(new Set(freshIds).size).toBe(freshIds.length)
      expect(freshIds.length).toBe(25 * 2 + 20)
      expect(o.ids().sort()).toEqual(freshIds.sort())
    })

    it('flushes appends still in flight when closed', async () => {
      let o = await start()
      const events = Array.from({ length: 10 }, () => contractEvent())
      const appends = events.map((e) => o.store.append([e]))
      const closing = o.store.close()
      const results = await Promise.all(appends)
      await closing
      expect(results.every((r) => r.fresh[0])).toBe(true)
      o = await reopen(o)
      expect(o.ids()).toEqual(events.map((e) => e.id))
    })

    it('applies an id once whatever the date of the event that carries it', async () => {
      const o = await start()
      const supervised = (id: string, daysAgo: number): IngestEvent => ({ id, type: 'request.supervised', at: contractEvent(id, daysAgo).at, requestId: 'R-sup' })
      const first = supervised(`sup${++seq}`, 0)
      expect(await o.store.append([first])).toEqual({ fresh: [true] })
      // The same id again, dated 1 and 30 days earlier and in a batch with a new event.
      const again = [1, 30].map((d) => supervised(first.id, d))
      expect(await o.store.append([again[0], contractEvent('other-date-new', 2)])).toEqual({ fresh: [false, true] })
      expect(await o.store.append([again[1]])).toEqual({ fresh: [false] })
      expect(o.ids()).toEqual([first.id, 'other-date-new'])
    })

    it('remembers an id for the whole window (DEDUPE_DAYS after it was stored), across checkpoints and reopen', async () => {
      let now = Date.now()
      const settings: ContractSettings = { clock: () => now, dedupeDays: 20 }
      let o = await start(true, undefined, settings)
      const a = contractEvent()
      await o.store.append([a])
      // Every few days: a checkpoint (where a store prunes what the window no longer needs) and a new event.
      for (let day = 1; day <= 20; day++) {
        now += 86_400_000
        await o.store.append([contractEvent(`day-${day}`)])
        await o.store.saveCheckpoint(Uint8Array.from([day]))
        if (day % 10 === 0) o = await reopen(o)
        expect(await o.store.append([contractEvent(a.id)])).toEqual({ fresh: [false] })
      }
    })

    it('refuses appends once closed', async () => {
      const o = await start()
      await o.store.close()
      await expect(o.store.append([contractEvent()])).rejects.toThrow()
      expect(o.store.healthy).toBe(false)
    })
  })
}
