/**
 * An alert's text, worded from its `{ kind, params }` in Chinese or English: the wall's alert list
 * and the API's `message` / `messageEn` use the same templates.
 */
import type { Alert } from './alerts.ts'
import { fillTemplate } from './fill-template.ts'

/** Languages alerts are worded in. */
export type AlertLang = 'zh-CN' | 'en'

type TemplateKey = 'surge' | 'urgentOverdue' | 'urgentOverdueDept' | 'feedStale' | 'feedStaleUsual'

/** The templates, `{name}` placeholders filled from the alert's parameters. */
export const ALERT_TEXTS: Record<AlertLang, Record<TemplateKey, string>> = {
  'zh-CN': {
    surge: '{place}近1小时{category}类诉求{count}件，超过阈值{threshold}件，疑似突发群体性诉求',
    urgentOverdue: '紧急工单{requestId}（{category}，{place}）已超期未办结',
    urgentOverdueDept: '紧急工单{requestId}（{category}，{place}）已超期未办结，承办单位：{department}',
    feedStale: '数据中断：已{minutes}分钟未收到工单数据',
    feedStaleUsual: '数据中断：已{minutes}分钟未收到工单数据（近期同时段通常约{expected}件）',
  },
  en: {
    surge: '{place}: {count} {category} requests in the last hour, above the threshold of {threshold}',
    urgentOverdue: 'Urgent request {requestId} ({category}, {place}) is past its deadline and still open',
    urgentOverdueDept: 'Urgent request {requestId} ({category}, {place}) is past its deadline and still open; department: {department}',
    feedStale: 'Feed stale: no events ingested for {minutes} minutes',
    feedStaleUsual: 'Feed stale: no events ingested for {minutes} minutes (about {expected} usual at this time)',
  },
}

/** How places and categories are named in the text. @default as they are (Chinese) */
export interface AlertNames {
  region: (name: string) => string
  category: (name: string) => string
}

const AS_IS: AlertNames = { region: (n) => n, category: (n) => n }

/** The alert in `lang`, places and categories named by `names`. */
export function alertText(a: Alert, lang: AlertLang, names: AlertNames = AS_IS): string {
  const t = ALERT_TEXTS[lang]
  switch (a.kind) {
    case 'surge': {
      const p = a.params
      return fillTemplate(t.surge, { place: names.region(p.place), category: names.category(p.category), count: p.count, threshold: p.threshold })
    }
    case 'urgentOverdue': {
      const p = a.params
      const base = { requestId: p.requestId, category: names.category(p.category), place: names.region(p.place) }
      return p.department ? fillTemplate(t.urgentOverdueDept, { ...base, department: p.department }) : fillTemplate(t.urgentOverdue, base)
    }
    case 'feedStale': {
      const p = a.params
      return p.expected === undefined ? fillTemplate(t.feedStale, { minutes: p.minutes }) : fillTemplate(t.feedStaleUsual, { minutes: p.minutes, expected: p.expected })
    }
  }
}
