/** The walls of a fan-out run: a realistic mix of regions, and what the feeder posts. */
import type { IngestEvent } from '../../shared/events.ts'
import type { RegionTree } from '../../shared/region-tree.ts'

/** Share of walls per level: a few command centres, every district, many streets and communities. */
export const MIX = [
  ['city', 0.01],
  ['district', 0.09],
  ['street', 0.3],
  ['community', 0.6],
] as const

/** `n` wall regions spread over the levels of `tree` by {@link MIX}, round-robin within a level. */
export function wallRegions(tree: RegionTree, n: number): string[] {
  const out: string[] = []
  for (const [level, share] of MIX) {
    const codes = tree.nodes.filter((x) => x.level === level).map((x) => x.code)
    const count = level === 'community' ? n - out.length : Math.round(n * share)
    for (let i = 0; i < count; i++) out.push(codes[(i * 7919) % codes.length])
  }
  return out
}

/** Level of a region code by its length. */
export const levelOf = (code: string): string => ({ 2: 'province', 4: 'city', 6: 'district', 9: 'street', 12: 'community', 15: 'grid' })[code.length] ?? 'other'

/** The regions whose walls see an event of community `code`: its ancestors from the city down. */
export const chainOf = (code: string): string[] => [4, 6, 9, 12].map((n) => code.slice(0, n))

/** The i-th new request of a run: a random community, a short summary like a real one. */
export function feedEvent(run: string, i: number, communities: string[], now: number): IngestEvent {
  return {
    id: `${run}-${i}`,
    type: 'request.created',
    at: new Date(now).toISOString(),
    requestId: `${run}-${i}`,
    region: communities[(i * 104729) % communities.length],
    category: ['供暖', '供水', '物业管理', '环境卫生', '噪音扰民'][i % 5],
    channel: 'hotline',
    urgency: i % 10 ? 'normal' : 'urgent',
    summary: '市民来电反映小区暖气不热，请尽快处理',
  }
}
