import { describe, expect, it } from 'vitest'
import type { IngestEvent } from '../../shared/events.ts'
import { Aggregator } from '../engine/aggregator.ts'
import { loadRegionPack } from '../regions/load-pack.ts'
import { recentRequests } from './recent-requests.ts'

const tree = loadRegionPack('2103')
const GRID = '210302002001001' // 铁东区 · 解放街道 · 解放社区
const OTHER = tree.nodes.find((n) => n.level === 'grid' && n.code.startsWith('210303'))!.code
const t0 = Date.parse('2026-11-20T09:00:00+08:00')
const created = (id: string, region: string, min: number, summary?: string): IngestEvent =>
  ({ id: `${id}.0`, type: 'request.created', at: new Date(t0 + min * 60_000).toISOString(), requestId: id, region, category: '供暖', channel: 'hotline', urgency: 'normal', summary }) as IngestEvent

describe('recentRequests', () => {
  it('gives the newest requests of the subtree, newest first, masked, and leaves invalidated ones out', () => {
    const agg = new Aggregator({ tree })
    const now = t0 + 60 * 60_000
    agg.apply(
      [
        created('a', GRID, 1, '暖气不热，联系电话13912345678。'),
        created('b', OTHER, 2),
        created('c', GRID, 3),
        created('d', GRID, 4),
        { id: 'd.1', type: 'request.invalidated', at: new Date(t0 + 5 * 60_000).toISOString(), requestId: 'd' } as IngestEvent,
      ],
      now,
    )
    const community = tree.indexOf('210302002001')
    const items = recentRequests(agg, community, 10, now)
    expect(items.map((i) => i.requestId)).toEqual(['c', 'a'])
    expect(items[1].summary).not.toContain('13912345678')
    expect(items[1].place).toContain('解放社区')
    expect(recentRequests(agg, tree.indexOf('2103'), 2, now).map((i) => i.requestId)).toEqual(['c', 'b'])
  })
})
