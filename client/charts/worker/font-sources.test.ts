import { describe, expect, it } from 'vitest'
import { fontSources, optionFontNeeds, primaryFamily } from './font-sources.ts'

const rule = (props: Record<string, string>, type = 5) => ({ type, style: { getPropertyValue: (p: string) => props[p] ?? '' } })

describe('optionFontNeeds', () => {
  it('collects every character of every string in an option, once', () => {
    const { text } = optionFontNeeds({ xAxis: { data: ['10-25', '11-22'] }, series: [{ name: '受理', data: [1, null, 3] }, { name: '办结', lineStyle: { color: '#fff' } }] })
    for (const c of '10-25 11-22 受理办结 #fff'.replace(/ /g, '')) expect(text).toContain(c)
    expect(new Set(text).size).toBe(text.length)
    expect(optionFontNeeds({ series: [{ data: [1, 2, 3] }] }).text).toBe('')
  })

  it('says whether any text is bold', () => {
    expect(optionFontNeeds({ xAxis: { axisLabel: { fontWeight: 'normal' } } }).bold).toBe(false)
    expect(optionFontNeeds({ xAxis: { axisLabel: { fontWeight: 'bold' } } }).bold).toBe(true)
    expect(optionFontNeeds({ series: [{ label: { fontWeight: 700 } }] }).bold).toBe(true)
  })
})

describe('primaryFamily', () => {
  it('is the first family of a stack, unquoted', () => {
    expect(primaryFamily("'Noto Sans SC', 'Microsoft YaHei', sans-serif")).toBe('Noto Sans SC')
    expect(primaryFamily('"Noto Sans SC"')).toBe('Noto Sans SC')
    expect(primaryFamily('sans-serif')).toBe('sans-serif')
  })
})

describe('fontSources', () => {
  const face = { 'font-family': '"Noto Sans SC"', src: 'url("./files/noto-0.woff2") format("woff2"), url(files/noto-0.woff) format("woff")', 'unicode-range': 'U+4E00-4E0F', 'font-weight': '400', 'font-style': 'normal' }

  it('lists the family\'s @font-face rules with absolute URLs, against the sheet or the page', () => {
    const sheets = [
      { href: 'http://wall.local/assets/index-abc.css', cssRules: [rule({}, 1), rule(face), rule({ ...face, 'font-family': 'Other' })] },
      { href: null, cssRules: [rule({ ...face, src: "url('/assets/noto-1.woff2')", 'unicode-range': '' })] },
    ]
    expect(fontSources(sheets, 'Noto Sans SC', 'http://wall.local/wall/2103')).toEqual([
      {
        family: 'Noto Sans SC',
        src: 'url("http://wall.local/assets/files/noto-0.woff2") format("woff2"), url("http://wall.local/assets/files/noto-0.woff") format("woff")',
        unicodeRange: 'U+4E00-4E0F',
        weight: '400',
        style: 'normal',
      },
      { family: 'Noto Sans SC', src: 'url("http://wall.local/assets/noto-1.woff2")', unicodeRange: undefined, weight: '400', style: 'normal' },
    ])
  })

  it('skips a sheet whose rules cannot be read (cross-origin)', () => {
    const closed = {
      href: 'http://cdn.example/x.css',
      get cssRules(): never {
        throw new DOMException('cross-origin', 'SecurityError')
      },
    }
    expect(fontSources([closed, { href: null, cssRules: [rule(face)] }], 'Noto Sans SC', 'http://wall.local/').map((f) => f.src)).toEqual([
      'url("http://wall.local/files/noto-0.woff2") format("woff2"), url("http://wall.local/files/noto-0.woff") format("woff")',
    ])
  })
})
