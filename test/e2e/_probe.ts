import { createFeeder, launchChromium, startTestServer } from './harness.ts'
const srv = await startTestServer({ tickMs: 250 })
await createFeeder(srv.url, { days: 1 }).catchUp()
let t = performance.now()
const r = await fetch(`${srv.url}/api/v1/regions/2103/snapshot`); await r.json(); console.log('GET snapshot ms', performance.now() - t)
const b = await launchChromium()
const p = await b.newPage({ viewport: { width: 1920, height: 1080 } })
p.on('console', (m) => console.log('console:', m.type(), m.text()))
t = performance.now()
await p.goto(`${srv.url}/wall/2103`)
console.log('goto', performance.now() - t)
await p.waitForSelector('[data-kpi="accepted.ytd"]:not([data-value=""])')
console.log('first data', performance.now() - t)
console.log(await p.evaluate(() => JSON.stringify(performance.getEntriesByType('resource').map((e) => [e.name.slice(-40), Math.round(e.startTime), Math.round(e.duration)]))))

await p.waitForTimeout(1000)
t = performance.now()
const stopP = srv.stop().then(() => console.log('stop resolved', performance.now() - t))
for (let i = 0; i < 12; i++) {
  await Promise.race([p.waitForTimeout(1000), new Promise((r) => setTimeout(r, 1500))])
  const st = await Promise.race([p.evaluate(() => document.querySelector('[data-testid=feed-status]')?.getAttribute('data-status') + ' banner=' + !!document.querySelector('[data-testid=stale-banner]')), new Promise((r) => setTimeout(() => r('eval timeout'), 1000))])
  console.log(i, st)
}
await stopP
await b.close(); await srv.dispose()
