import type { Alert } from '../../shared/alerts.ts'
import type { Translator } from './translate.ts'

/**
 * An alert's text in the translator's language, worded from its kind and parameters (the server
 * sends `{ kind, params }`, no prose); places and categories are translated too.
 */
export function alertText(a: Alert, tr: Translator): string {
  switch (a.kind) {
    case 'surge': {
      const p = a.params
      return tr.t('alertText_surge', { place: tr.region(p.place), category: tr.category(p.category), count: p.count, threshold: p.threshold })
    }
    case 'urgentOverdue': {
      const p = a.params
      const base = { requestId: p.requestId, category: tr.category(p.category), place: tr.region(p.place) }
      return p.department ? tr.t('alertText_urgentOverdueDept', { ...base, department: p.department }) : tr.t('alertText_urgentOverdue', base)
    }
    case 'feedStale': {
      const p = a.params
      return p.expected === undefined ? tr.t('alertText_feedStale', { minutes: p.minutes }) : tr.t('alertText_feedStaleUsual', { minutes: p.minutes, expected: p.expected })
    }
  }
}
