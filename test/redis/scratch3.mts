import { Aggregator } from '../../server/engine/aggregator.ts'
import { buildSnapshot } from '../../server/engine/snapshot.ts'
import { loadRegionPack } from '../../server/regions/load-pack.ts'
import { dayIndex } from '../../shared/time-windows.ts'
import { realisticEvents, batches, seeded } from './test-events.ts'
const tree = loadRegionPack('2103')
const now = Date.now()
const events = realisticEvents({ count: 6000, seed: 7, prefix: 'X', quiet: true, now })
function run(order: typeof events) {
  const agg = new Aggregator({ tree })
  for (const b of batches(order, 200)) agg.apply(b, now)
  agg.tick(now)
  return buildSnapshot(agg, tree.indexOf('2103'), now, dayIndex(now)).windows.today
}
const a = run(events)
const rnd = seeded(3)
const shuffled = batches(events, 200).map((b) => [rnd(), b] as const).sort((x, y) => x[0] - y[0]).flatMap(([, b]) => b)
const b = run(shuffled)
const rev = run([...events].reverse())
console.log(a.timelySignRate, b.timelySignRate, rev.timelySignRate)
console.log(JSON.stringify(a) === JSON.stringify(b), JSON.stringify(a) === JSON.stringify(rev))
