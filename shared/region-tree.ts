/** The region tree of a pack: divisions from the root down to generated grids, with dense indexes. */
import { hashSeed } from './random.ts'
import { CODE_LENGTHS, LEVELS, type RegionLevel, type RegionNode } from './region-types.ts'

/** One row of the divisions table (NBS codes, levels 1–5). */
export interface DivisionRow {
  code: string
  name: string
  parent: string | null
}

/** Grid codes under a community: `001`…`00n`, n in 3..8, derived from the community code alone. */
export function gridCountFor(communityCode: string): number {
  return 3 + (hashSeed(communityCode) % 6)
}

/** Drops the committee suffix of community and village names: 虹桥社区居民委员会 → 虹桥社区. */
export const shortName = (name: string): string => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, '') || name

/** Parses `code,name,level,parent_code` CSV text (with header). */
export function parseDivisionsCsv(text: string): DivisionRow[] {
  const rows: DivisionRow[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    const [code, name, , parent] = line.split(',')
    rows.push({ code, name: shortName(name), parent: parent || null })
  }
  return rows
}

const levelOf = (code: string): RegionLevel => {
  const l = LEVELS.find((lv) => CODE_LENGTHS[lv] === code.length)
  if (!l) throw new Error(`not a region code: ${code}`)
  return l
}

/** Resolves the 6-digit GIS forms of a province or city (`210000`, `210300`) to NBS codes. */
export function canonicalCode(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2)
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4)
  return code
}

export class RegionTree {
  /** Nodes by dense index; index 0 is the root. */
  readonly nodes: RegionNode[] = []
  /** Parent index per node (-1 for the root). */
  readonly parentIndex: number[] = []
  /** Grid count per node's subtree. */
  readonly gridCounts: number[] = []
  private readonly byCode = new Map<string, number>()
  private readonly childIdx: number[][] = []
  private readonly depthOf: number[] = []

  private constructor() {}

  /** Builds the tree rooted at `root` (an NBS code or its 6-digit alias), adding generated grids. */
  static fromRows(rows: DivisionRow[], root: string): RegionTree {
    const t = new RegionTree()
    const rootCode = canonicalCode(root)
    const byParent = new Map<string, DivisionRow[]>()
    let rootRow: DivisionRow | undefined
    for (const r of rows) {
      if (r.code === rootCode) rootRow = r
      if (r.parent) {
        let list = byParent.get(r.parent)
        if (!list) byParent.set(r.parent, (list = []))
        list.push(r)
      }
    }
    if (!rootRow) throw new Error(`unknown region root: ${root}`)
    const add = (code: string, name: string, parent: number): number => {
      const idx = t.nodes.length
      const level = levelOf(code)
      t.nodes.push({ code, name, level, parent: parent < 0 ? null : t.nodes[parent].code })
      t.parentIndex.push(parent)
      t.childIdx.push([])
      t.gridCounts.push(0)
      t.depthOf.push(parent < 0 ? 0 : t.depthOf[parent] + 1)
      t.byCode.set(code, idx)
      if (parent >= 0) t.childIdx[parent].push(idx)
      return idx
    }
    const walk = (row: DivisionRow, parent: number): void => {
      const idx = add(row.code, row.name, parent)
      if (row.code.length === 12) {
        const n = gridCountFor(row.code)
        for (let g = 1; g <= n; g++) add(row.code + String(g).padStart(3, '0'), `第${g}网格`, idx)
        t.gridCounts[idx] = n
        return
      }
      const kids = (byParent.get(row.code) ?? []).slice().sort((a, b) => a.code.localeCompare(b.code))
      for (const k of kids) walk(k, idx)
      let g = 0
      for (const c of t.childIdx[idx]) g += t.gridCounts[c]
      t.gridCounts[idx] = g
    }
    walk(rootRow, -1)
    return t
  }

  get root(): RegionNode {
    return this.nodes[0]
  }

  get size(): number {
    return this.nodes.length
  }

  /** Dense index of a code (aliases accepted), or -1 when the pack does not hold it. */
  indexOf(code: string): number {
    return this.byCode.get(code) ?? this.byCode.get(canonicalCode(code)) ?? -1
  }

  has(code: string): boolean {
    return this.indexOf(code) >= 0
  }

  get(code: string): RegionNode | undefined {
    const i = this.indexOf(code)
    return i < 0 ? undefined : this.nodes[i]
  }

  children(code: string): RegionNode[] {
    const i = this.indexOf(code)
    return i < 0 ? [] : this.childIdx[i].map((c) => this.nodes[c])
  }

  childIndices(index: number): readonly number[] {
    return this.childIdx[index]
  }

  /** Ancestors from the root down to (excluding) the region. */
  path(code: string): RegionNode[] {
    const out: RegionNode[] = []
    let i = this.indexOf(code)
    if (i < 0) return out
    i = this.parentIndex[i]
    while (i >= 0) {
      out.push(this.nodes[i])
      i = this.parentIndex[i]
    }
    return out.reverse()
  }

  /** Indexes of the node and its ancestors, self first. */
  selfAndAncestors(index: number): number[] {
    const out: number[] = []
    for (let i = index; i >= 0; i = this.parentIndex[i]) out.push(i)
    return out
  }

  /** Whether `code` is `scope` or lies below it. */
  contains(scope: string, code: string): boolean {
    const s = this.indexOf(scope)
    let i = this.indexOf(code)
    while (i >= 0) {
      if (i === s) return true
      i = this.parentIndex[i]
    }
    return false
  }

  depth(index: number): number {
    return this.depthOf[index]
  }

  /** Names from below the city down to the region, e.g. `铁东区 · 解放街道 · 园林社区`. */
  place(index: number): string {
    const names: string[] = []
    for (let i = index; i >= 0; i = this.parentIndex[i]) {
      const lvl = this.nodes[i].level
      if (lvl === 'province' || lvl === 'city' || lvl === 'grid') continue
      names.push(this.nodes[i].name)
    }
    return names.reverse().join(' · ')
  }
}
