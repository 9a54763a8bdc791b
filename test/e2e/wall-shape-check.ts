/** In-page geometry of a wall shape and of its map labels (run with `page.evaluate`; self-contained). */

/** Panels against the wall's seams, the map's size, text sizes on screen and panel coverage. */
export function panelGeometry({ cols, rows, bezel }: { cols: number; rows: number; bezel: number }) {
  const tol = 0.5
  const vw = window.innerWidth
  const vh = window.innerHeight
  const canvasEl = document.querySelector('[data-testid="screen-canvas"]') as HTMLElement
  const canvas = canvasEl.getBoundingClientRect()
  const scale = canvas.width / canvasEl.offsetWidth
  // The stage as shown (scaled down when previewed): its seams split it evenly.
  const stageEl = canvasEl.parentElement as HTMLElement
  const stage = stageEl.getBoundingClientRect()
  const xs = Array.from({ length: cols - 1 }, (_, i) => stage.left + ((i + 1) * stage.width) / cols)
  const ys = Array.from({ length: rows - 1 }, (_, i) => stage.top + ((i + 1) * stage.height) / rows)
  const half = (bezel / 2) * (stage.width / stageEl.offsetWidth)
  const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')].map((e) => {
    const r = e.getBoundingClientRect()
    return { name: e.dataset.panel!, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }
  })
  const onSeams: string[] = []
  for (const p of panels) {
    for (const x of xs) if (p.left < x + half - tol && p.right > x - half + tol) onSeams.push(`${p.name} crosses x=${Math.round(x)}`)
    for (const y of ys) if (p.top < y + half - tol && p.bottom > y - half + tol) onSeams.push(`${p.name} crosses y=${Math.round(y)}`)
  }
  // Text elements inside the panels, their font size as drawn on screen.
  const smallText: { text: string; px: number }[] = []
  for (const el of document.querySelectorAll('[data-panel] *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
    if (!own) continue
    const r = el.getBoundingClientRect()
    if (r.width === 0 && r.height === 0) continue
    const px = Number.parseFloat(getComputedStyle(el).fontSize) * scale
    if (px < 14) smallText.push({ text: (el.textContent ?? '').trim().slice(0, 20), px: Math.round(px * 10) / 10 })
  }
  let covered = 0
  for (const p of panels) covered += Math.max(0, Math.min(p.right, vw) - Math.max(p.left, 0)) * Math.max(0, Math.min(p.bottom, vh) - Math.max(p.top, 0))
  const layout = document.querySelector('[data-layout]')?.getAttribute('data-layout') ?? null
  return {
    layout,
    panels,
    onSeams,
    map: panels.find((p) => p.name === 'map') ?? null,
    smallText,
    coverage: covered / (vw * vh),
    canvas: { left: canvas.left, right: canvas.right, width: canvas.width },
  }
}

/** The map's labels: overlapping pairs, labels clipped by the map's box, labels neither in their region nor led to it; point count. */
export function mapLabelGeometry() {
  const box = document.querySelector('[data-testid="region-map"]')!.getBoundingClientRect()
  const labels = [...document.querySelectorAll<HTMLElement>('[data-testid="map-labels"] [data-code]')].map((e) => ({ code: e.dataset.code!, led: e.dataset.leader === 'true', r: e.getBoundingClientRect() }))
  const overlaps: string[] = []
  const clipped: string[] = []
  const outside: string[] = []
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i].r
    if (a.left < box.left - 0.5 || a.right > box.right + 0.5 || a.top < box.top - 0.5 || a.bottom > box.bottom + 0.5) clipped.push(labels[i].code)
    for (let j = i + 1; j < labels.length; j++) {
      const b = labels[j].r
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) overlaps.push(`${labels[i].code} × ${labels[j].code}`)
    }
    const cx = a.left + a.width / 2
    const cy = a.top + a.height / 2
    // Labels take no pointer events, so the region path under the centre is the first path found there.
    const under = document.elementsFromPoint(cx, cy).find((e) => e.matches('path[data-region]'))?.getAttribute('data-region')
    const led = labels[i].led && !!document.querySelector(`.leaders [data-leader="${labels[i].code}"] line`)
    if (under !== labels[i].code && !led) outside.push(`${labels[i].code} (under ${under ?? 'nothing'})`)
  }
  return { labels: labels.map((l) => l.code), overlaps, clipped, outside, points: document.querySelectorAll('[data-testid="map-points"] .point').length }
}
