import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../server/main.ts'
import { loadRegionPack } from '../server/regions/load-pack.ts'
import { runSession } from './session.ts'
import { createLocator } from './locate.ts'
const dir = mkdtempSync(join(tmpdir(), 'sim-'))
const server = await startServer({ PORT: '0', DATA_DIR: dir, INGEST_TOKEN: 't', REGION_ROOT: '2103' })
const tree = loadRegionPack('2103')
const now = Date.now()
const r = await runSession({ url: server.url, token: 't', tree, seed: 1, stateFile: join(dir, 'simulator.json'), from: now - Number(process.argv[2] ?? 10) * 86400000, stopAt: now, locate: process.argv[3] ? createLocator(tree) : undefined })
console.log(r)
const snap = await (await fetch(server.url + '/api/v1/regions/2103/snapshot')).json()
console.log(JSON.stringify(snap).slice(0, 1500))
await server.close()
