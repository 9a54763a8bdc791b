/** Plane geometry of projected map polygons (px or map units): containment, edge distance, interior candidates. */

/** A point in the plane. */
export type XY = readonly [number, number]
/** A polygon's rings (outer and holes, even-odd), each a closed list of points. */
export type Rings = readonly (readonly XY[])[]

/** Whether `p` lies inside the rings (even-odd rule). */
export function insideRings(rings: Rings, [x, y]: XY): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]
      const [xj, yj] = ring[j]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

/** Distance from `p` to the nearest edge of the rings. */
export function edgeDistance(rings: Rings, [x, y]: XY): number {
  let best = Infinity
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j]
      const [bx, by] = ring[i]
      const dx = bx - ax
      const dy = by - ay
      const len = dx * dx + dy * dy
      const t = len > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0
      const d = Math.hypot(x - ax - t * dx, y - ay - t * dy)
      if (d < best) best = d
    }
  }
  return best
}

/** Bounding box of rings: [minX, minY, maxX, maxY]. */
export function ringsBox(rings: Rings): [number, number, number, number] {
  let a = Infinity
  let b = Infinity
  let c = -Infinity
  let d = -Infinity
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < a) a = x
      if (y < b) b = y
      if (x > c) c = x
      if (y > d) d = y
    }
  return [a, b, c, d]
}

/** Keeps at most `max` points of each ring (every k-th), for cheap distance tests on detailed boundaries. */
export function thinRings(rings: Rings, max = 240): XY[][] {
  return rings.map((r) => {
    const k = Math.max(1, Math.ceil(r.length / max))
    return k === 1 ? [...r] : r.filter((_, i) => i % k === 0)
  })
}

/** An interior point with its distance to the polygon's edge. */
export interface Interior {
  at: XY
  /** Distance to the nearest edge (how much room a label has there). */
  room: number
}

/**
 * Interior points of a polygon on a grid of about `n`×`n` over its box, best room first (the
 * first approximates the pole of inaccessibility, the point farthest from every edge).
 */
export function interiorPoints(rings: Rings, n = 14): Interior[] {
  const [x0, y0, x1, y1] = ringsBox(rings)
  const step = Math.max(1, Math.max(x1 - x0, y1 - y0) / n)
  const thin = thinRings(rings)
  const out: Interior[] = []
  for (let y = y0 + step / 2; y < y1; y += step)
    for (let x = x0 + step / 2; x < x1; x += step) {
      if (insideRings(rings, [x, y])) out.push({ at: [x, y], room: edgeDistance(thin, [x, y]) })
    }
  return out.sort((a, b) => b.room - a.room)
}
