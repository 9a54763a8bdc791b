/**
 * Region names in English: the proper name in pinyin (tone marks dropped, syllables joined, first
 * letter capitalised) and the administrative suffix translated: 鞍山市 → Anshan, 铁西区 → Tiexi
 * District, 海城市 → Haicheng, 牛庄镇 → Niuzhuang Town, 园林社区 → Yuanlin Community.
 */

/** Suffixes and their English words, longest first (a name ends in at most one). */
const SUFFIXES: [string, string][] = [
  ['街道办事处', 'Subdistrict'],
  ['街道', 'Subdistrict'],
  ['社区', 'Community'],
  ['自治县', 'Autonomous County'],
  ['开发区', 'Development Zone'],
  ['管委会', 'Administrative Committee'],
  ['居委会', 'Community'],
  ['村委会', 'Village'],
  ['省', 'Province'],
  ['市', ''],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['镇', 'Town'],
  ['乡', 'Township'],
  ['村', 'Village'],
]

/** Converts Chinese text to toneless pinyin syllables (pinyin-pro's `pinyin`, bound by the caller). */
export type ToPinyin = (text: string) => string[]

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s)

/** Syllables joined into one word, with an apostrophe before a syllable that starts with a, o or e (Tai'an, Xi'an). */
const joinSyllables = (syllables: string[]): string =>
  syllables
    .map((y) => y.replace(/ü/g, 'u').replace(/[^a-zA-Z]/g, ''))
    .filter(Boolean)
    .map((y, i) => (i > 0 && /^[aoe]/.test(y) ? `'${y}` : y))
    .join('')

/** A region name, or a place of names joined by " · ", in English, given a pinyin converter. Text without Chinese is returned as it is. */
export function regionNameEn(name: string, toPinyin: ToPinyin): string {
  if (!/[\u4e00-\u9fff]/.test(name)) return name
  if (name.includes(' · ')) return name.split(' · ').map((part) => regionNameEn(part, toPinyin)).join(' · ')
  const hit = SUFFIXES.find(([zh]) => name.endsWith(zh) && name.length > zh.length)
  const stem = hit ? name.slice(0, -hit[0].length) : name
  // Latin letters and digits in a name (e.g. 高新区 A 区) pass through as their own words.
  const words = stem.split(/([A-Za-z0-9]+)/).filter(Boolean).map((part) => (/[\u4e00-\u9fff]/.test(part) ? cap(joinSyllables(toPinyin(part))) : part))
  return [words.join(' '), hit?.[1] ?? ''].filter(Boolean).join(' ')
}
