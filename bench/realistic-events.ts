/** A compact generator of realistic event batches for benchmarks (seeded, no I/O). */
import { CATEGORIES } from '../shared/categories.ts'
import type { IngestEvent } from '../shared/events.ts'
import type { RegionTree } from '../shared/region-tree.ts'
import { mulberry32 as prng } from '../mock/random.ts'

const CHANNELS = ['hotline', 'hotline', 'hotline', 'app', 'app', 'photo', 'grid', 'wechat', 'web'] as const
const SUMMARIES = ['小区暖气不热，室温只有14度', '楼道灯坏了很久没人修', '路面井盖缺失存在安全隐患', '夜间施工噪音扰民，联系电话13812345678', '自来水发黄']

/** Events of `requests` requests created between `from` and `to` (ms), each with a realistic lifecycle. */
export function realisticEvents(tree: RegionTree, requests: number, from: number, to: number, seed = 1, prefix = 'b'): IngestEvent[] {
  const rand = prng(seed)
  const communities = tree.nodes.filter((n) => n.level === 'community').map((n) => n.code)
  const out: IngestEvent[] = []
  const iso = (ms: number) => new Date(ms).toISOString()
  for (let i = 0; i < requests; i++) {
    const rid = `${prefix}${seed}-${i}`
    const at = from + Math.floor(((to - from) * i) / requests)
    const urgent = rand() < 0.05
    out.push({
      id: `${rid}.c`,
      type: 'request.created',
      at: iso(at),
      requestId: rid,
      region: communities[Math.floor(rand() * communities.length)],
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      urgency: urgent ? 'urgent' : 'normal',
      summary: SUMMARIES[Math.floor(rand() * SUMMARIES.length)],
    })
    let t = at + 60_000
    if (rand() < 0.25) {
      out.push({ id: `${rid}.done`, type: 'request.completed', at: iso(Math.min(t, to)), requestId: rid })
      continue
    }
    out.push({ id: `${rid}.d`, type: 'request.dispatched', at: iso(Math.min(t, to)), requestId: rid, department: '区城建局' })
    t += rand() * 4 * 3_600_000
    if (t > to) continue
    out.push({ id: `${rid}.s`, type: 'request.signed', at: iso(t), requestId: rid })
    t += rand() * 3 * 86_400_000
    if (t > to) continue
    out.push({ id: `${rid}.done`, type: 'request.completed', at: iso(t), requestId: rid })
    t += rand() * 86_400_000
    if (t > to) continue
    out.push({ id: `${rid}.v`, type: 'request.visited', at: iso(t), requestId: rid, satisfaction: rand() < 0.96 ? 'satisfied' : 'dissatisfied' })
  }
  return out
}
