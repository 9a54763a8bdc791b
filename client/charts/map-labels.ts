/** A map label at its region's centre, in panel px. */
export interface MapLabel {
  code: string
  name: string
  x: number
  y: number
}

/** Approximate box of a label: one 16 px line of name over one line of value. */
export const labelBox = (name: string): { w: number; h: number } => ({ w: Math.max(48, name.length * 16 + 8), h: 40 })

/**
 * Moves overlapping labels apart vertically (small urban districts crowd together), a few
 * relaxation rounds; labels that do not overlap stay at their centres.
 */
export function spreadLabels(labels: MapLabel[], rounds = 12): MapLabel[] {
  const out = labels.map((l) => ({ ...l }))
  for (let r = 0; r < rounds; r++) {
    let moved = false
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]
        const b = out[j]
        const ba = labelBox(a.name)
        const bb = labelBox(b.name)
        const overlapX = (ba.w + bb.w) / 2 - Math.abs(a.x - b.x)
        const overlapY = (ba.h + bb.h) / 2 - Math.abs(a.y - b.y)
        if (overlapX <= 0 || overlapY <= 0) continue
        const push = overlapY / 2 + 1
        const dir = a.y < b.y || (a.y === b.y && a.code < b.code) ? -1 : 1
        a.y += dir * push
        b.y -= dir * push
        moved = true
      }
    }
    if (!moved) break
  }
  return out
}
