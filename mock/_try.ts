import { loadRegionPack } from '../server/regions/load-pack.ts'
import { createSimulator } from '../mock/simulator.ts'
import { shanghai } from '../mock/calendar.ts'
const tree = loadRegionPack('2103')
let t0 = performance.now()
const from = shanghai(2026,1,1), to = shanghai(2026,11,22)
const sim = createSimulator({ tree, seed: 42, from, gridFrom: to - 7*86400000 })
console.log('city', performance.now()-t0, sim.city.communities.length, sim.city.grids.length)
t0 = performance.now()
let n = 0, bytes = 0; const types: Record<string, number> = {}
for (;;) { const b = sim.take(to, 5000); if (!b.length) break; n += b.length; for (const e of b) { types[e.type]=(types[e.type]??0)+1; bytes += 0 } }
const ms = performance.now()-t0
console.log(n, ms, Math.round(n/ms*1000), 'ev/s', bytes/n, types)
