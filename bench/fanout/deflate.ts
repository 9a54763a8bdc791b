/**
 * What per-message deflate would cost and save on the push (`npx tsx bench/fanout/deflate.ts`):
 * real frames (a month of history, one tick of 20 new requests) deflated as ws would per message,
 * and the memory a kept compression context (context takeover) holds per connection. WebSocket
 * compression is per connection, so a frame encoded once per room is compressed once per wall.
 */
import { createDeflateRaw, deflateRawSync } from 'node:zlib'
import { Engine } from '../../server/engine/engine.ts'
import { createRoomFeeds } from '../../server/push/room-feeds.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { realisticEvents } from '../realistic-events.ts'
import { fmt } from '../stats.ts'
import { feedEvent } from './regions.ts'

const tree = loadRegionPack('2103')
let now = Date.now()
const engine = new Engine({ tree, clock: () => now })
engine.applyCommitted(realisticEvents(tree, 20_000, now - 30 * 86_400_000, now - 60_000, 7, 'h'))
engine.replayed()
engine.tick()
const feeds = createRoomFeeds(engine, 1)
const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code)
const first = feedEvent('z', 0, communities, now)
const region = first.type === 'request.created' ? first.region : ''
const watched = [region.slice(0, 4), region.slice(0, 6), region.slice(0, 9), region]
for (const c of watched) feeds.subscription(c, tree.indexOf(c), 0)
now += 1000
engine.applyCommitted(Array.from({ length: 20 }, (_, i) => feedEvent('z', i, communities, now)))
const { ticker } = engine.tick()

const frames = watched.map((code) => {
  const items = ticker.filter((t) => engine.agg.chain(t.index).includes(tree.indexOf(code))).map((t) => t.item)
  return { code, text: '42' + JSON.stringify(['frame', { region: code, at: now, lastEventAt: now, storeHealthy: true, kpi: feeds.delta(code), ticker: items.length ? items : undefined }]) }
})

const time = (fn: () => void, n = 2000) => {
  for (let i = 0; i < 200; i++) fn()
  const t = performance.now()
  for (let i = 0; i < n; i++) fn()
  return ((performance.now() - t) / n) * 1000
}
console.log('| frame of | bytes | deflated | CPU per frame and wall |')
console.log('| --- | --- | --- | --- |')
for (const f of frames) {
  const buf = Buffer.from(f.text)
  const deflated = deflateRawSync(buf, { windowBits: 15, memLevel: 8 })
  const us = time(() => deflateRawSync(buf, { windowBits: 15, memLevel: 8 }))
  console.log(`| ${f.code} | ${fmt(buf.length)} | ${fmt(deflated.length)} (${((deflated.length / buf.length) * 100).toFixed(0)} %) | ${us.toFixed(0)} µs |`)
}
const before = process.memoryUsage()
const streams = Array.from({ length: 1000 }, () => {
  const d = createDeflateRaw({ windowBits: 15, memLevel: 8 })
  d.write(Buffer.from(frames[3].text))
  return d
})
await new Promise((r) => setTimeout(r, 100))
const after = process.memoryUsage()
console.log(`kept context: ${fmt((after.rss - before.rss) / 1000 / 1024)} KB of memory per connection (1,000 deflate streams, RSS)`)
for (const d of streams) d.close()
