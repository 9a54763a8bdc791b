/**
 * Per-tick update cost of the live wall (1920×1080, 鞍山市 2103, a feeder posting every tick) from
 * a Chromium trace (see `trace-cost.ts`): per applied tick, wall and CPU time of its tasks; long
 * tasks; all main-thread CPU per update.
 *   npx tsx test/e2e/update-cost.ts [tickMs=50] [seconds=20]
 */
import { openFedWall } from './fed-wall.ts'
import { formatUpdateCost, traceUpdateCost } from './trace-cost.ts'

const tick = Number(process.argv[2] ?? 50)
const SECONDS = Number(process.argv[3] ?? 20)
const { browser, page, close } = await openFedWall({ tickMs: tick, tag: 'cost' })
await page.waitForTimeout(5000)
const cost = await traceUpdateCost(browser, page, SECONDS)
await close()
console.log(`tick ${tick} ms, 1920×1080, /wall/2103`)
for (const line of formatUpdateCost(cost)) console.log(line)
