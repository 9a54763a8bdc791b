/**
 * The bundled Noto Sans SC as inline `@font-face` CSS for html-to-image, limited to the unicode-range
 * chunks that hold the characters drawn: the exported images carry their font, so they render the
 * same on a machine without Chinese fonts, without embedding every chunk of the family.
 */
import { FONT_NAME } from '../styles/fonts.ts'

interface FaceChunk {
  weight: string
  style: string
  range: string
  ranges: [number, number][]
  url: string
}

const dataUrls = new Map<string, Promise<string>>()

/** Parses `U+4E00-9FFF, U+3000, U+30??` into inclusive code point ranges. */
export function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').flatMap((part) => {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim())
    if (!m) return []
    if (m[1].includes('?')) return [[parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)] as [number, number]]
    const a = parseInt(m[1], 16)
    return [[a, m[2] ? parseInt(m[2], 16) : a] as [number, number]]
  })
}

function chunks(): FaceChunk[] {
  const out: FaceChunk[] = []
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList
    try {
      rules = sheet.cssRules
    } catch {
      continue
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue
      const s = rule.style
      if (!s.getPropertyValue('font-family').includes(FONT_NAME)) continue
      const src = /url\(["']?([^"')]+\.woff2)["']?\)/.exec(s.getPropertyValue('src'))
      if (!src) continue
      const range = s.getPropertyValue('unicode-range') || 'U+0-10FFFF'
      out.push({
        weight: s.getPropertyValue('font-weight') || '400',
        style: s.getPropertyValue('font-style') || 'normal',
        range,
        ranges: parseUnicodeRange(range),
        url: new URL(src[1], sheet.href ?? location.href).href,
      })
    }
  }
  return out
}

function dataUrl(url: string): Promise<string> {
  let p = dataUrls.get(url)
  if (!p) {
    p = fetch(url)
      .then((r) => r.blob())
      .then((b) => new Promise<string>((resolve, reject) => {
        const fr = new FileReader()
        fr.onload = () => resolve(String(fr.result))
        fr.onerror = () => reject(fr.error)
        fr.readAsDataURL(b)
      }))
    dataUrls.set(url, p)
  }
  return p
}

/** `@font-face` rules with inlined font files covering every character of `text`. */
export async function fontEmbedCss(text: string): Promise<string> {
  const codes = [...new Set(text)].map((c) => c.codePointAt(0)!)
  const used = chunks().filter((c) => codes.some((x) => c.ranges.some(([a, b]) => x >= a && x <= b)))
  const rules = await Promise.all(
    used.map(async (c) =>
      `@font-face{font-family:'${FONT_NAME}';font-style:${c.style};font-weight:${c.weight};font-display:block;` +
      `src:url(${await dataUrl(c.url)}) format('woff2');unicode-range:${c.range};}`,
    ),
  )
  return rules.join('\n')
}
