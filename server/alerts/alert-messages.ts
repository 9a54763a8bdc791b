/**
 * Alerts as the API lists them: `{ kind, params }` with `message` (zh-CN) and `messageEn` worded
 * by the wall's templates (`shared/alert-text.ts`), so an integration need not word them.
 */
import { alertText, type AlertNames } from '../../shared/alert-text.ts'
import type { Alert } from '../../shared/alerts.ts'
import { CATEGORY_EN, type Category } from '../../shared/categories.ts'
import { regionNameEn, type ToPinyin } from '../../shared/region-names.ts'

/** An alert with its texts. */
export type WordedAlert = Alert & { message: string; messageEn: string }

/** Words alerts; English places are in pinyin with their suffix in English (鞍山市 → Anshan). */
export interface AlertWording {
  word(alerts: Alert[]): WordedAlert[]
}

/** English names: categories from the contract's English names, places in pinyin. */
export const englishNames = (toPinyin: ToPinyin): AlertNames => ({
  region: (name) => regionNameEn(name, toPinyin),
  category: (name) => CATEGORY_EN[name as Category] ?? name,
})

/**
 * Loads the pinyin converter (about 70 ms of module evaluation, so at start-up rather than on the
 * first request) and returns the wording.
 */
export async function createAlertWording(): Promise<AlertWording> {
  const { pinyin } = await import('pinyin-pro')
  const en = englishNames((text) => pinyin(text, { toneType: 'none', type: 'array', v: false }))
  return { word: (alerts) => alerts.map((a) => ({ ...a, message: alertText(a, 'zh-CN'), messageEn: alertText(a, 'en', en) })) }
}
