import type { Alert } from '../../shared/alerts.ts'
import type { Translator } from './translate.ts'

/**
 * An alert's text in the translator's language: the English message with its region name and
 * category in English too (the server writes them as the region pack names them).
 */
export function alertText(a: Alert, tr: Translator): string {
  if (tr.lang !== 'en') return a.message
  let text = a.messageEn
  if (a.regionName) text = text.split(a.regionName).join(tr.region(a.regionName))
  if (a.category) text = text.split(a.category).join(tr.category(a.category))
  return text
}
