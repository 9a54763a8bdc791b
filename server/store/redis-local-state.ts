/**
 * What a Redis-mode process keeps on its own disk: its engine state as rows in an embedded
 * database (the embedded store's tables and incremental checkpoints), the stream cursor those
 * rows cover, and the process's name among the root's readers.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rootTag } from './redis-keys.ts'

/** The folder of one root's local state under `dataDir` (one per prefix and root). */
export function localStateDir(dataDir: string, prefix: string, root: string): string {
  return join(dataDir, `redis-${prefix.replace(/[^A-Za-z0-9._-]/g, '_')}-${rootTag(root)}`)
}

/** This process's name among the readers of the stream: made once, kept in the folder. */
export function nodeName(dir: string): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'node')
  try {
    const name = readFileSync(file, 'utf8').trim()
    if (/^[0-9a-f]{16}$/.test(name)) return name
  } catch {
    // First start in this folder.
  }
  const name = randomBytes(8).toString('hex')
  writeFileSync(file, name)
  return name
}

/** The engine header with the stream cursor in front: `cursor \n header`. */
export function withCursor(cursor: string, state: Uint8Array): Uint8Array {
  const head = Buffer.from(`${cursor}\n`)
  const out = new Uint8Array(head.length + state.length)
  out.set(head)
  out.set(state, head.length)
  return out
}

/** Splits what `withCursor` joined; null when the bytes are not of that shape. */
export function splitCursor(saved: Uint8Array): { cursor: string; state: Uint8Array } | null {
  const nl = saved.indexOf(10)
  if (nl < 0 || nl > 48) return null
  const cursor = Buffer.from(saved.subarray(0, nl)).toString()
  if (!/^\d+-\d+$/.test(cursor)) return null
  return { cursor, state: saved.subarray(nl + 1) }
}
