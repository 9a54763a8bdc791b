/** Masking of personal data in request summaries before they leave the server. */
import { isSurnameAt } from './surnames.ts'

/**
 * Characters that count as a digit: ASCII, full-width (normalised first) and Chinese numerals,
 * as people dictate numbers (一三九…, 幺 for 1).
 */
const DIGIT = '[0-9零〇一二三四五六七八九幺]'
/** What people put between digits: spaces, dashes, dots, slashes, brackets, commas. */
const SEP = '[\\s\\-‐–—.·•_/\\\\()（）,+]'
/** A digit-like run: digits joined by at most three separator characters each time. */
const DIGIT_RUN = new RegExp(`\\+?${DIGIT}(?:${SEP}{0,3}${DIGIT})*(?:${SEP}{0,3}[Xx](?![A-Za-z]))?`, 'g')
const CN_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' }

const EMAIL = /[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9-]+(?:\s*\.\s*[A-Za-z0-9-]+)*\s*\.\s*[A-Za-z]{2,}/g
/** An id after a QQ / WeChat / passport cue: the whole id is masked. */
const ACCOUNT = /(QQ|qq|Qq|扣扣|企鹅号?|微信号?|微信|[Ww][Xx]|[Vv][Xx]|[Ww]e[Cc]hat|weixin|护照号?|通行证号?)(\s*(?:号码?|账号|id|ID)?\s*(?:[:：是为]\s*)?)([A-Za-z0-9_-]{4,30})/g
/** Passport and travel-permit numbers without a cue: a letter (or two) and 7–9 digits. */
const PASSPORT = /(?<![A-Za-z0-9])[EGDSPHMKegdsphmk][A-Za-z]?\d{7,9}(?![A-Za-z0-9])/g
/** Car plates: province abbreviation, a letter, then 5 or 6 letters and digits. */
const PLATE = /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-Za-z])[\s·•.-]?((?:[A-Za-z0-9]\s?){4,5}[A-Za-z0-9挂学警港澳])/g
/** House numbers: a number and its unit (号, 号楼, 栋, 幢, 座, 单元, 门, 楼, 层, 室), in chains. */
const HOUSE_NUM = '(?:[A-Za-z]?\\d{1,5}[A-Za-z]?(?:-\\d{1,4})?|[A-Za-z]|[一二三四五六七八九十]{1,3})'
const HOUSE_UNIT = '(?:号楼|号院|单元|号(?![线码街路巷])|栋|幢|座|门(?![口前后诊市店面])|楼(?![盘道梯房顶])|层|室)'
const HOUSE_NUM_G = new RegExp(HOUSE_NUM, 'g')
const HOUSE_UNIT_CHAR = /[号栋幢座单门楼层室]/
/** One unit numbered in Chinese numerals alone (三楼, 七号, 九门): in place names (三楼社区, 九门村) more often than in addresses. */
const CN_SINGLE = /^[一二三四五六七八九十]{1,3}(?:号楼|号院|单元|号|栋|幢|座|门|楼|层|室)$/
const HOUSE = new RegExp(`(?<![月\\dA-Za-z])(?:${HOUSE_NUM}${HOUSE_UNIT})+(?:\\d{1,4}(?![\\d号]))?`, 'g')
/** `12-3-402`: building, unit and room. */
const HOUSE_TRIPLE = /(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?![\d-])/g
/** Cues after which a name follows, and the name (a surname and up to two characters). */
const NAME_CUE = /(?:我叫|我是|本人|联系人|姓名|来电人|反映人|投诉人|诉求人|当事人|户主|业主|市民|居民)[:：\s]*/g
/** A full name before a salutation: 李建国先生 → 李先生. */
const NAME_SALUTATION = /([\u4e00-\u9fa5]{1,4})(先生|女士|小姐|师傅|大爷|大妈|阿姨|老师|同志)/g
/** A name that already ends in a salutation. */
const SALUTED = /(先生|女士|小姐|师傅|大爷|大妈|阿姨|老师|同志)$/
/** A name opening a sentence, before a reporting verb: 张三反映… → 张某反映…. */
const NAME_OPENING = /(^|[。；;！!？?\n]\s*)([\u4e00-\u9fa5]{2,4})(?=反映|来电|称|投诉|表示|诉称|咨询|求助|报称)/g
/** Characters that end a given name: verbs, particles and words that follow names in summaries. */
const NAME_STOP = /[^\u4e00-\u9fa5]|[反来称说的是在了和与跟住家要想因从向对请电现为于表诉投咨某]/

const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF20\uFF0E\uFF0D\uFF0B\uFF3F\u3000]/g

/** Full-width letters, digits and @.-+_ to ASCII, the ideographic space to a space (same length); Chinese punctuation stays. */
export function normaliseWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

/** The digits of a digit-like run (Chinese numerals as digits, separators dropped). */
export function runDigits(run: string): string {
  let d = ''
  for (const c of run) {
    if (c >= '0' && c <= '9') d += c
    else if (CN_DIGITS[c]) d += CN_DIGITS[c]
    else if (c === 'X' || c === 'x') d += 'X'
  }
  return d
}

const stars = (n: number) => '*'.repeat(Math.max(n, 1))

function maskDigits(run: string): string {
  const digits = runDigits(run)
  const count = digits.replace('X', '').length
  if (count < 7) return run
  let d = digits
  if (d.length === 13 && /^861[3-9]/.test(d)) d = d.slice(2)
  if (d.length === 11 && /^1[3-9]/.test(d)) return `${d.slice(0, 3)}****${d.slice(-4)}`
  if (/^\d{17}[\dX]$|^\d{15}$/.test(d)) return `${d.slice(0, 6)}${stars(d.length - 6)}`
  if (d[0] === '0' && d.length >= 10 && d.length <= 12) return `${d.slice(0, d[1] === '1' || d[1] === '2' ? 3 : 4)}-****${d.slice(-2)}`
  if (d.length >= 16 && d.length <= 19) return `${d.slice(0, 4)}${stars(d.length - 8)}${d.slice(-4)}`
  return `${d.slice(0, 2)}${stars(d.length - 4)}${d.slice(-2)}`
}

/** The length of a name (surname + 1–2 given characters) at the start of `text`, or 0. */
function nameLength(text: string): number {
  const surname = isSurnameAt(text, 0)
  if (!surname) return 0
  let given = 0
  while (given < 2 && surname + given < text.length && !NAME_STOP.test(text[surname + given])) given++
  return given ? surname + given : 0
}

function maskNames(text: string): string {
  let out = ''
  let last = 0
  for (const m of text.matchAll(NAME_CUE)) {
    const at = m.index + m[0].length
    if (at < last) continue
    const len = nameLength(text.slice(at, at + 4))
    if (!len) continue
    out += text.slice(last, at) + text.slice(at, at + isSurnameAt(text, at)) + '某'
    last = at + len
  }
  text = out + text.slice(last)
  text = text.replace(NAME_SALUTATION, (all, words: string, title: string) => {
    // The surname nearest the salutation with at most two given characters after it.
    for (let s = 0; s < words.length; s++) {
      const len = isSurnameAt(words, s)
      if (len && words.length - s - len <= 2) return `${words.slice(0, s + len)}${title}`
    }
    return all
  })
  return text.replace(NAME_OPENING, (all, lead: string, words: string) => {
    const len = nameLength(words)
    if (SALUTED.test(words)) return all
    return len === words.length ? `${lead}${words.slice(0, isSurnameAt(words, 0))}某` : all
  })
}

/**
 * Masks personal data: mobile and landline numbers, ID-card, bank-card, passport and other long
 * numbers (full-width, spaced, dotted or in Chinese numerals), e-mail, QQ and WeChat ids, car
 * plates, house numbers (号/栋/单元/室/楼) and names after the usual cues. Streets, communities and
 * estates stay readable. Idempotent: masking a masked text changes nothing.
 */
export function maskPersonalData(input: string): string {
  const normalised = normaliseWidth(input)
  let text = normalised
  // Most summaries hold none of these: each pattern runs only when its anchor is present.
  if (text.includes('@')) {
    text = text.replace(EMAIL, (m) => {
      const [local, domain] = m.split('@')
      return `${local.trim()[0]}***@${domain.replace(/\s+/g, '')}`
    })
  }
  if (/[A-Za-z]|扣扣|企鹅|微信|护照|通行证/.test(text)) {
    text = text.replace(ACCOUNT, (all, cue: string, gap: string, id: string) => `${cue}${gap}${stars(Math.min(id.length, 6))}`)
    text = text.replace(PASSPORT, (m) => `${m[0]}${stars(m.length - 1)}`)
    text = text.replace(PLATE, (_, p: string, l: string) => `${p}${l.toUpperCase()}*****`)
  }
  if (text.includes('-')) text = text.replace(HOUSE_TRIPLE, '*-*-***')
  text = text.replace(DIGIT_RUN, maskDigits)
  if (HOUSE_UNIT_CHAR.test(text)) text = text.replace(HOUSE, (m) => (CN_SINGLE.test(m) ? m : m.replace(HOUSE_NUM_G, '*')))
  text = maskNames(text)
  // Nothing masked: the text as it came, full-width letters and all.
  return text === normalised ? input : text
}

/** Whether the text still holds a digit-like run of 7 or more digits (the masking property). */
export function hasLongDigitRun(text: string): boolean {
  for (const m of normaliseWidth(text).matchAll(DIGIT_RUN)) if (runDigits(m[0]).replace('X', '').length >= 7) return true
  return false
}
