/** Subtrees as index ranges: the tree is built depth-first, so a region's subtree is contiguous. */
import { LRUCache } from 'lru-cache'
import type { RegionTree } from '../../shared/region-tree.ts'
import type { RegionLevel } from '../../shared/region-types.ts'

const ends = new WeakMap<RegionTree, Int32Array>()
const byLevel = new WeakMap<RegionTree, LRUCache<string, Int32Array>>()

/** End (exclusive) of the subtree of every node. */
function subtreeEnds(tree: RegionTree): Int32Array {
  let e = ends.get(tree)
  if (e) return e
  e = new Int32Array(tree.size)
  // Walk backwards: a node's subtree ends where the last child's subtree ends.
  for (let i = tree.size - 1; i >= 0; i--) {
    const kids = tree.childIndices(i)
    e[i] = kids.length ? e[kids[kids.length - 1]] : i + 1
  }
  ends.set(tree, e)
  return e
}

/** `[from, to)` indexes of the region's subtree (itself included). */
export function subtreeRange(tree: RegionTree, index: number): [number, number] {
  return [index, subtreeEnds(tree)[index]]
}

/** Indexes of the regions of `level` in the region's subtree (itself included), cached per region. */
export function levelUnder(tree: RegionTree, index: number, level: RegionLevel): Int32Array {
  let cache = byLevel.get(tree)
  if (!cache) byLevel.set(tree, (cache = new LRUCache({ max: 4096 })))
  const key = `${index}:${level}`
  let list = cache.get(key)
  if (list) return list
  const [from, to] = subtreeRange(tree, index)
  const out: number[] = []
  for (let i = from; i < to; i++) if (tree.nodes[i].level === level) out.push(i)
  list = Int32Array.from(out)
  cache.set(key, list)
  return list
}

/** The child of `region` on the way to `index` (the region itself when they are equal). */
export function childToward(tree: RegionTree, region: number, index: number): number {
  let i = index
  while (i >= 0 && tree.parentIndex[i] !== region && i !== region) i = tree.parentIndex[i]
  return i < 0 ? region : i
}
