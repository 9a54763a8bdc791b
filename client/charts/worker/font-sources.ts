import type { FontSource } from './protocol.ts'

/**
 * What a chart option's text needs from the font: the characters of every string in it, and
 * whether any of its text is bold (a `fontWeight` of bold, bolder or 600 and over).
 */
export function optionFontNeeds(option: unknown): { text: string; bold: boolean } {
  const chars = new Set<string>()
  let bold = false
  const walk = (v: unknown, key?: string) => {
    if (key === 'fontWeight') bold ||= v === 'bold' || v === 'bolder' || Number(v) >= 600
    if (typeof v === 'string') for (const c of v) chars.add(c)
    else if (Array.isArray(v)) v.forEach((x) => walk(x))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(option)
  return { text: [...chars].sort().join(''), bold }
}

/** The first family of a CSS font-family list, unquoted. */
export const primaryFamily = (stack: string): string => stack.split(',')[0].trim().replace(/^['"]|['"]$/g, '')

/** Minimal view of a style sheet (a CSSStyleSheet in the page, a plain object in tests). */
interface SheetLike {
  href: string | null
  cssRules: ArrayLike<{ type?: number; style?: { getPropertyValue: (p: string) => string } }>
}

/**
 * The `@font-face` rules of `family` in the page's style sheets, with `url()`s made absolute
 * (against the sheet, else `base`), so a worker can add the same faces to its own font set.
 */
export function fontSources(sheets: ArrayLike<SheetLike>, family: string, base: string): FontSource[] {
  const out: FontSource[] = []
  for (const sheet of Array.from(sheets)) {
    let rules: SheetLike['cssRules']
    try {
      rules = sheet.cssRules
    } catch {
      continue // a cross-origin sheet
    }
    for (const rule of Array.from(rules)) {
      const style = rule.style
      // CSSRule.FONT_FACE_RULE
      if (rule.type !== 5 || !style) continue
      if (primaryFamily(style.getPropertyValue('font-family')) !== family) continue
      const sheetBase = sheet.href ?? base
      const src = style.getPropertyValue('src').replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_, _q, url: string) => `url("${new URL(url, sheetBase).href}")`)
      out.push({
        family,
        src,
        unicodeRange: style.getPropertyValue('unicode-range') || undefined,
        weight: style.getPropertyValue('font-weight') || undefined,
        style: style.getPropertyValue('font-style') || undefined,
      })
    }
  }
  return out
}
