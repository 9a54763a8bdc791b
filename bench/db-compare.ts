/**
 * The embedded database, compared on the store's workload: LMDB (`lmdb`) against SQLite
 * (`better-sqlite3`). Batches of 1,000 events: dedupe by id, the batch's bytes, 200 state rows
 * upserted, a durable commit; then point reads of ids, a reopen that scans the state rows, and the
 * disk used. The floor is JSON.parse of the same lines in the same run.
 * Usage: npx tsx bench/db-compare.ts [events=1000000]
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { open } from 'lmdb'
import { fmt } from './stats.ts'

const N = Number(process.argv[2] ?? 1_000_000)
const B = 1000
const root = join(tmpdir(), `yiwang-dbcmp-${process.pid}`)
const dirSize = (d: string) => readdirSync(d).reduce((s, f) => s + statSync(join(d, f)).size, 0)

function makeBatch(b: number): { ids: string[]; body: string } {
  const ids: string[] = []
  const lines: string[] = []
  for (let i = 0; i < B; i++) {
    const id = `sim8890-e${b}-${i}`
    ids.push(id)
    lines.push(JSON.stringify({ id, type: 'request.created', at: '2026-11-30T08:00:00.000Z', requestId: `R${b}-${i}`, region: '210302002001001', category: '供暖', channel: 'hotline', urgency: 'normal', summary: '暖气不热，室温只有十四度，请尽快处理' }))
  }
  return { ids, body: lines.join('\n') }
}
const bucket = Buffer.alloc(120, 1)
const batches = Array.from({ length: N / B }, (_, b) => makeBatch(b))

interface Result {
  db: string
  eventsPerS: number
  longestSyncMs: number
  idReadsPerS: number
  reopenScanMs: number
  diskMB: number
}

async function lmdbRun(): Promise<Result> {
  const dir = join(root, 'lmdb')
  mkdirSync(dir, { recursive: true })
  const env = open({ path: dir, compression: false })
  const ids = env.openDB({ name: 'ids', encoding: 'binary' })
  const log = env.openDB({ name: 'log', encoding: 'string', keyEncoding: 'uint32' })
  const st = env.openDB({ name: 'state', encoding: 'binary' })
  let t0 = performance.now()
  let longest = 0
  const inflight: Promise<unknown>[] = []
  const empty = Buffer.alloc(0)
  for (let b = 0; b < batches.length; b++) {
    const { ids: bi, body } = batches[b]
    const s = performance.now()
    for (const id of bi) if (!ids.doesExist(id)) void ids.put(id, empty)
    void log.put(b, body)
    for (let k = 0; k < 200; k++) void st.put(`d:${k}:${b % 30}`, bucket)
    inflight.push(env.flushed)
    longest = Math.max(longest, performance.now() - s)
    if (inflight.length > 4) await inflight.shift()
  }
  await Promise.all(inflight)
  await env.flushed
  const rate = N / ((performance.now() - t0) / 1000)
  t0 = performance.now()
  for (let i = 0; i < 200_000; i++) ids.doesExist(`sim8890-e${(i * 7) % (N / B)}-${i % B}`)
  const reads = 200_000 / ((performance.now() - t0) / 1000)
  await env.close()
  t0 = performance.now()
  const env2 = open({ path: dir })
  let n = 0
  for (const { value } of env2.openDB({ name: 'state', encoding: 'binary' }).getRange()) n += (value as Buffer).length
  const reopen = performance.now() - t0
  await env2.close()
  return { db: `lmdb (${n > 0 ? 'ok' : 'empty'})`, eventsPerS: rate, longestSyncMs: longest, idReadsPerS: reads, reopenScanMs: reopen, diskMB: dirSize(dir) / 1e6 }
}

function sqliteRun(): Result {
  const dir = join(root, 'sqlite')
  mkdirSync(dir, { recursive: true })
  const db = new Database(join(dir, 'y.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE ids (id TEXT NOT NULL UNIQUE); CREATE TABLE log (seq INTEGER PRIMARY KEY, body TEXT); CREATE TABLE state (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID')
  const ins = db.prepare('INSERT OR IGNORE INTO ids (id) VALUES (?)')
  const logIns = db.prepare('INSERT INTO log (seq, body) VALUES (?, ?)')
  const up = db.prepare('INSERT INTO state (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v')
  const has = db.prepare('SELECT 1 FROM ids WHERE id = ?').pluck()
  const tx = db.transaction((b: number, bi: string[], body: string) => {
    for (const id of bi) ins.run(id)
    logIns.run(b, body)
    for (let k = 0; k < 200; k++) up.run(`d:${k}:${b % 30}`, bucket)
  })
  let t0 = performance.now()
  let longest = 0
  for (let b = 0; b < batches.length; b++) {
    const s = performance.now()
    tx(b, batches[b].ids, batches[b].body)
    longest = Math.max(longest, performance.now() - s)
  }
  const rate = N / ((performance.now() - t0) / 1000)
  t0 = performance.now()
  for (let i = 0; i < 200_000; i++) has.get(`sim8890-e${(i * 7) % (N / B)}-${i % B}`)
  const reads = 200_000 / ((performance.now() - t0) / 1000)
  db.close()
  t0 = performance.now()
  const db2 = new Database(join(dir, 'y.db'))
  for (const r of db2.prepare('SELECT v FROM state').iterate()) void r
  const reopen = performance.now() - t0
  db2.close()
  return { db: 'sqlite (WAL, synchronous=FULL)', eventsPerS: rate, longestSyncMs: longest, idReadsPerS: reads, reopenScanMs: reopen, diskMB: dirSize(dir) / 1e6 }
}

const t0 = performance.now()
for (const b of batches) for (const line of b.body.split('\n')) JSON.parse(line)
const floor = N / ((performance.now() - t0) / 1000)
console.log(`JSON.parse of the same lines: ${fmt(floor)} events/s`)
console.log('| database | events/s | ÷ JSON.parse | longest synchronous step | id reads/s | reopen + scan state | disk |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const r of [await lmdbRun(), sqliteRun()]) {
  console.log(`| ${r.db} | ${fmt(r.eventsPerS)} | ${(floor / r.eventsPerS).toFixed(1)}× | ${r.longestSyncMs.toFixed(1)} ms | ${fmt(r.idReadsPerS)} | ${r.reopenScanMs.toFixed(0)} ms | ${r.diskMB.toFixed(0)} MB |`)
}
rmSync(root, { recursive: true, force: true })
