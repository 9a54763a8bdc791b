import * as echarts from '/work/main/node_modules/echarts/index.js'
import { ratesOption, ratePairs, ringRadius } from '/work/main/client/charts/rates.ts'
import { snapshotFixture } from '/work/main/client/test-fixtures/snapshot.ts'
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 495, height: 234 })
c.setOption(ratesOption(ratePairs(snapshotFixture().windows), ringRadius(495, 234)))
const svg = c.renderToSVGString()
console.log(svg.length)
console.log(svg.match(/<circle[^>]*>|<path d="M[0-9. ]{0,30}[^"]*" [^>]*>/g)?.slice(0, 40).join('\n'))
