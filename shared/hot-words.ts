/**
 * Words and phrases of request summaries, for the hot-words panel: `Intl.Segmenter('zh')` words of
 * two characters or more, 不/没 joined to the character after them (不热, 没水), stop words and
 * anything with a digit or a mask mark dropped, and each pair of adjacent words kept as a phrase
 * (暖气 + 不热 → 暖气不热). Summaries are masked before they get here.
 */
import { CATEGORIES } from './categories.ts'
import type { HotWord } from './department-types.ts'

/** Words too common in requests to say anything. */
export const STOP_WORDS = new Set(
  (
    '反映 反应 市民 来电 来信 诉求 要求 希望 请求 请 帮忙 处理 解决 协调 核实 相关 部门 单位 工作人员 工作 目前 现在 一直 已经 还是 没有 ' +
    '情况 表示 称 咨询 投诉 举报 问题 存在 造成 影响 进行 导致 无人 长期 至今 多次 有关 能否 是否 可以 不能 我们 他们 自己 这个 那个 ' +
    '一个 这样 什么 怎么 为什么 因为 所以 但是 而且 如果 或者 以及 还有 之前 之后 时候 时间 今天 昨天 每天 经常 非常 比较 十分 ' +
    '小区 社区 街道 区域 附近 周边 地方 位置 路段 楼下 家里 家中 电话 联系 联系人 联系方式 本人 先生 女士 师傅 某某 只有 已有 ' +
    '东区 西区 南区 北区 城区 县城 市区 辖区 居民 业主 住户 群众 老人 孩子'
  ).split(' '),
)

/** Category names and their parts: kept, but weighted down (they repeat what the categories show). */
const CATEGORY_WORDS = new Set<string>([...CATEGORIES, ...CATEGORIES.flatMap((c) => (c.length === 4 ? [c.slice(0, 2), c.slice(2)] : []))])
/** Weight of a word that names a category. */
export const CATEGORY_WEIGHT = 0.3

const CJK = /[\u4e00-\u9fff]/
const BAD = /[0-9０-９*＊某@#]/
let segmenter: Intl.Segmenter | null = null

/** The words and phrases of one summary (each at most once). */
export function summaryTerms(summary: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })
  const words: (string | null)[] = []
  let join: string | null = null
  for (const s of segmenter.segment(summary)) {
    const w = s.segment
    if (!s.isWordLike) {
      words.push(null)
      join = null
      continue
    }
    if (join !== null) {
      words.push(w.length === 1 && CJK.test(w) ? join + w : null)
      join = null
      continue
    }
    if (w === '不' || w === '没') {
      join = w
      continue
    }
    words.push(w.length >= 2 && CJK.test(w) && !BAD.test(w) && !STOP_WORDS.has(w) ? w : null)
  }
  const out = new Set<string>()
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === null) continue
    out.add(w)
    const next = words[i + 1]
    if (next && w.length + next.length <= 8) out.add(w + next)
  }
  return [...out]
}

/** Ranking weight of a term counted `count` times. */
export const termWeight = (term: string, count: number): number => (CATEGORY_WORDS.has(term) ? count * CATEGORY_WEIGHT : count)

/** A term is rising when its last-24 h count is at least this many… */
export const RISING_MIN = 3
/** …and this many times its mean per 24 h of the 7-day base (with one added to the base). */
export const RISING_FACTOR = 2

/**
 * The top `k` of counted terms, by weight, with rising marked against `baseCounts` (counts over
 * `baseDays` days before the window; null marks nothing).
 */
export function topTerms(counts: Map<string, number>, k: number, base: Map<string, number> | null, baseDays: number): HotWord[] {
  const rows: HotWord[] = []
  for (const [word, count] of counts) {
    const rising = base !== null && count >= RISING_MIN && count >= RISING_FACTOR * ((base.get(word) ?? 0) / baseDays + 1)
    rows.push({ word, count, weight: termWeight(word, count), rising })
  }
  rows.sort((a, b) => b.weight - a.weight || b.count - a.count || b.word.length - a.word.length || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
  // A phrase and a word inside it with the same count say the same thing: keep the phrase.
  const kept: HotWord[] = []
  for (const r of rows) {
    if (kept.length >= k) break
    if (kept.some((p) => p.word.length > r.word.length && p.word.includes(r.word) && p.count >= r.count)) continue
    kept.push(r)
  }
  return kept
}
