/** In-page geometry check: the design canvas fits, panels stay inside it, text neither clips nor shrinks below 14 px. */
export function layoutProblems(): string[] {
  const problems: string[] = []
  const tol = 1.5
  // Settle entrance transitions (a ticker line sliding in); endless ones (the ranking scroll) stay.
  for (const a of document.getAnimations()) {
    if (a.effect?.getTiming().iterations !== Infinity) a.finish()
  }
  const inside = (a: DOMRect, b: DOMRect, horizontalOnly = false) =>
    a.left >= b.left - tol && a.right <= b.right + tol && (horizontalOnly || (a.top >= b.top - tol && a.bottom <= b.bottom + tol))
  const name = (e: Element) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}${e.textContent ? ` "${e.textContent.trim().slice(0, 20)}"` : ''}`
  const canvasEl = document.querySelector('[data-testid="screen-canvas"]')
  if (!canvasEl) return ['no screen canvas']
  const canvas = canvasEl.getBoundingClientRect()
  const view = new DOMRect(0, 0, window.innerWidth, window.innerHeight)
  if (!inside(canvas, view)) problems.push(`canvas ${JSON.stringify(canvas)} outside the viewport`)
  for (const box of document.querySelectorAll('.panel, .counter, .wall-header')) {
    if (!inside(box.getBoundingClientRect(), canvas)) problems.push(`${name(box)} outside the canvas`)
  }
  for (const el of document.querySelectorAll('[data-testid="screen-canvas"] *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
    // Rolling-digit reels hide their other digits on purpose; the [data-kpi] check below covers them.
    if (!own || el.closest('.rolling')) continue
    const r = el.getBoundingClientRect()
    if (r.width === 0 && r.height === 0) continue
    const style = getComputedStyle(el)
    // Hidden text (a copy kept only to be measured) is not shown, so it can be neither small nor clipped.
    if (style.visibility === 'hidden') continue
    const size = Number.parseFloat(style.fontSize)
    if (size < 14) problems.push(`${name(el)} font ${size}px < 14px`)
    const container = el.closest('.panel, .counter, .wall-header')
    if (!container) continue
    const scrolling = !!el.closest('[data-testid="ranking"], [data-testid="ticker"], .alerts')
    const bodyRect = (container.querySelector(':scope > .panel-body') ?? container).getBoundingClientRect()
    const target = el.closest('.panel-head') ? container.getBoundingClientRect() : bodyRect
    if (!inside(r, target, scrolling)) problems.push(`${name(el)} clipped by ${name(container).slice(0, 40)}`)
    if (style.textOverflow !== 'ellipsis' && el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} overflows its box (${el.scrollWidth} > ${el.clientWidth})`)
    }
  }
  // Neighbours must not overlap: the header's three parts, the counters, the ring labels, the cloud's words.
  const groups = ['.wall-header > *', '.counters > .counter', '.rate .name', '[data-testid="hot-words"] [data-word]']
  for (const sel of groups) {
    const rects = [...document.querySelectorAll(sel)].map((e) => [e, e.getBoundingClientRect()] as const)
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [a, ra] = rects[i]
        const [b, rb] = rects[j]
        const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > tol && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > tol
        if (overlap) problems.push(`${name(a).slice(0, 30)} overlaps ${name(b).slice(0, 30)}`)
      }
    }
  }
  for (const k of document.querySelectorAll<HTMLElement>('[data-kpi]')) {
    if (k.scrollWidth > k.clientWidth + 1) problems.push(`${k.dataset.kpi} clipped (${k.scrollWidth} > ${k.clientWidth})`)
  }
  return problems
}
