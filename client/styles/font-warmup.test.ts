import { describe, expect, it } from 'vitest'
import { type FaceLike, facesToWarm, warmFontFaces } from './font-warmup.ts'

class Face implements FaceLike {
  status: FontFaceLoadStatus = 'unloaded'
  loads = 0
  constructor(
    public family: string,
    public name: string,
    private fails = false,
  ) {}
  load() {
    this.loads++
    this.status = this.fails ? 'error' : 'loaded'
    return this.fails ? Promise.reject(new Error('offline')) : Promise.resolve(this)
  }
}

/** Idle callbacks run when the test says so. */
function idleQueue() {
  const q: (() => void)[] = []
  return {
    whenIdle: (cb: () => void) => {
      q.push(cb)
      return () => q.splice(q.indexOf(cb) >>> 0, 1)
    },
    async runOne() {
      q.shift()?.()
      await new Promise((r) => setTimeout(r, 0))
    },
    async runAll() {
      for (let i = 0; i < 100 && q.length; i++) {
        q.shift()!()
        await new Promise((r) => setTimeout(r, 0))
      }
    },
    get pending() {
      return q.length
    },
  }
}

describe('font warm-up', () => {
  it('picks the bundled family not yet loaded, most common chunk first', () => {
    const faces = [new Face('"Noto Sans SC"', '[4]'), new Face('Noto Sans SC', '[119]'), new Face('Other', 'x'), new Face('Noto Sans SC', 'latin')]
    faces[1].status = 'loaded'
    expect(facesToWarm(faces).map((f) => f.name)).toEqual(['latin', '[4]'])
  })

  it('loads every face in batches at idle moments, then stops asking', async () => {
    const faces = Array.from({ length: 10 }, (_, i) => new Face('Noto Sans SC', String(i)))
    const idle = idleQueue()
    const w = warmFontFaces({ faces: () => faces, whenIdle: idle.whenIdle, batch: 4 })
    expect(faces.every((f) => f.loads === 0)).toBe(true)
    expect(idle.pending).toBe(1) // nothing loads before the first idle moment
    await idle.runOne()
    expect(faces.map((f) => f.loads)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    expect(idle.pending).toBe(1) // the next batch waits for the next idle moment
    await idle.runAll()
    await w.done
    expect(faces.map((f) => f.loads)).toEqual(Array(10).fill(1))
    expect(idle.pending).toBe(0)
  })

  it('gives up on faces that fail to load, without retrying them', async () => {
    const faces = [new Face('Noto Sans SC', 'a', true), new Face('Noto Sans SC', 'b'), new Face('Noto Sans SC', 'c', true)]
    const idle = idleQueue()
    const w = warmFontFaces({ faces: () => faces, whenIdle: idle.whenIdle, batch: 1 })
    await idle.runAll()
    await w.done
    expect(faces.map((f) => [f.status, f.loads])).toEqual([
      ['error', 1],
      ['loaded', 1],
      ['error', 1],
    ])
  })

  it('stops when told, loading nothing more', async () => {
    const faces = Array.from({ length: 6 }, (_, i) => new Face('Noto Sans SC', String(i)))
    const idle = idleQueue()
    const w = warmFontFaces({ faces: () => faces, whenIdle: idle.whenIdle, batch: 2 })
    w.stop()
    await idle.runAll()
    await w.done
    expect(faces.every((f) => f.loads === 0)).toBe(true)
  })
})
