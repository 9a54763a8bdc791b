import { ALERT_TEXTS } from '../../shared/alert-text.ts'
import { CATEGORY_EN, type Category } from '../../shared/categories.ts'
import { fillTemplate } from '../../shared/fill-template.ts'
import { regionNameEn, type ToPinyin } from '../../shared/region-names.ts'
import { en } from './en.ts'
import { type MessageKey, zhCN } from './zh-CN.ts'

/** Languages of the wall. */
export type Lang = 'zh-CN' | 'en'

/** A bound translator: `t(key, params)` fills `{name}` placeholders. */
export interface Translator {
  lang: Lang
  t: (key: MessageKey, params?: Record<string, string | number>) => string
  /** Category name in the current language. */
  category: (name: string) => string
  /** Region name in the current language (pinyin in English, once the converter has loaded). */
  region: (name: string) => string
}

/** Picks the language from a `?lang=` value; Chinese unless `en`. */
export const parseLang = (value: unknown): Lang => (value === 'en' ? 'en' : 'zh-CN')

/** A text domain's dictionaries: Chinese first, English with the same keys. */
export interface Dictionaries<K extends string> {
  zh: Readonly<Record<K, string>>
  en: Readonly<Record<K, string>>
}

/** `t(key, params)` over one domain's dictionaries in `lang`, filling `{name}` placeholders: the one translator. */
export function dictionaryText<K extends string>(dicts: Dictionaries<K>, lang: Lang): (key: K, params?: Record<string, string | number>) => string {
  const dict = lang === 'en' ? dicts.en : dicts.zh
  return (key, params) => fillTemplate(dict[key] ?? key, params)
}

/** A category's name in `lang`. */
export const categoryName = (name: string, lang: Lang): string => (lang === 'en' ? (CATEGORY_EN[name as Category] ?? name) : name)

const WALL: Dictionaries<MessageKey> = { zh: zhCN, en }

/** Builds the wall's translator for one language. */
export function createTranslator(lang: Lang, toPinyin: ToPinyin | null = null): Translator {
  return {
    lang,
    t: dictionaryText(WALL, lang),
    category: (name) => categoryName(name, lang),
    region: (name) => (lang === 'en' && toPinyin ? regionNameEn(name, toPinyin) : name),
  }
}

/** Every Chinese text the wall may draw, for preloading the font's subsets. */
export const allChineseText = (): string => Object.values(zhCN).join('') + Object.values(ALERT_TEXTS['zh-CN']).join('') + Object.keys(CATEGORY_EN).join('')
