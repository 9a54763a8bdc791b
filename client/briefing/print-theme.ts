/**
 * The light print theme for paper: the slides are designed dark (light text, dark translucent
 * panels, glows), so for A4 each element's drawn colours are turned round in place (inline styles:
 * the CSP allows no style sheets from script): light text dark, dark panels light, glows off,
 * canvases (charts) inverted with their hues kept. Text stays text.
 */

/** Parses `rgb(…)`/`rgba(…)` as [r, g, b, a]; null for anything else. */
export function parseRgb(css: string): [number, number, number, number] | null {
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css.trim())
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null
}

/** Relative luminance (WCAG) of 0–255 channels. */
export function lum(r: number, g: number, b: number): number {
  const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
}

/** Ink for paper: the dark navy of the print theme. */
export const PAPER_INK = '#14213d'

/**
 * A dark-theme text colour for paper: greys and near-white become the print ink; a light hue
 * (cyan, green, amber) is darkened until it reads on white; dark colours stay.
 */
export function paperText(css: string): string | null {
  const c = parseRgb(css)
  if (!c) return null
  const [r, g, b, a] = c
  const l = lum(r, g, b)
  if (l < 0.2) return null
  if (Math.max(r, g, b) - Math.min(r, g, b) < 48) return PAPER_INK
  const k = Math.sqrt(0.12 / l)
  return `rgba(${Math.round(r * k)}, ${Math.round(g * k)}, ${Math.round(b * k)}, ${a})`
}

/** A dark translucent panel background for paper: a pale tint of the same hue; light ones stay. */
export function paperFill(css: string): string | null {
  const c = parseRgb(css)
  if (!c || c[3] === 0) return null
  const [r, g, b] = c
  if (lum(r, g, b) > 0.3) return null
  const mix = (v: number) => Math.round(255 - (255 - v) * 0.08)
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`
}

/** The pale fill a dark panel gets on paper. */
export const PAPER_PANEL = '#f2f6fb'

/** Whether a background image is a gradient of dark colours only (a panel's, not a bar's). */
export function darkGradient(image: string): boolean {
  if (!image.includes('gradient(')) return false
  const colours = [...image.matchAll(/rgba?\([^)]*\)/g)].map((m) => parseRgb(m[0])).filter((c) => c !== null)
  return colours.length > 0 && colours.every(([r, g, b, a]) => a === 0 || lum(r, g, b) < 0.2)
}

/** Turns a dark-designed subtree light for paper (see the module comment). */
export function lightenForPaper(root: HTMLElement): void {
  for (const el of [root, ...root.querySelectorAll<HTMLElement | SVGElement>('*')]) {
    const cs = getComputedStyle(el)
    if (el instanceof HTMLCanvasElement) {
      el.style.filter = 'invert(1) hue-rotate(180deg)'
      continue
    }
    const text = paperText(cs.color)
    if (text) el.style.color = text
    const fill = paperFill(cs.backgroundColor)
    if (fill) el.style.backgroundColor = fill
    if (cs.backgroundImage.startsWith('radial-gradient') || darkGradient(cs.backgroundImage)) {
      el.style.backgroundImage = 'none'
      el.style.backgroundColor = PAPER_PANEL
    }
    if (cs.textShadow !== 'none') el.style.textShadow = 'none'
    if (cs.boxShadow !== 'none') el.style.boxShadow = 'none'
    // Text painted through a gradient (background-clip: text) is given the ink instead.
    if (cs.webkitTextFillColor === 'rgba(0, 0, 0, 0)' || cs.color === 'rgba(0, 0, 0, 0)') {
      el.style.webkitTextFillColor = PAPER_INK
      el.style.color = PAPER_INK
      el.style.backgroundImage = 'none'
    }
  }
}
