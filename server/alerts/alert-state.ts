/** Alerts read back from a checkpoint: those written before alerts carried `{ kind, params }` are converted. */
import type { Alert, AlertKind } from '../../shared/alerts.ts'

/** An alert as checkpoints held it before `params`: its words written out, its figures beside them. */
export interface LegacyAlert {
  id: string
  kind: AlertKind
  region: string
  regionName: string
  at: number
  message: string
  messageEn: string
  category?: string
  requestId?: string
  count?: number
  threshold?: number
  ackedAt?: number
}

const number = (text: string, re: RegExp): number | undefined => {
  const m = re.exec(text)
  return m ? Number(m[1]) : undefined
}

/** The alert a checkpoint holds, in today's shape. */
export function alertFromState(a: Alert | LegacyAlert): Alert {
  if ('params' in a) return a
  const { id, region, regionName, at, ackedAt } = a
  const where = { id, region, regionName, at, ...(ackedAt === undefined ? {} : { ackedAt }) }
  switch (a.kind) {
    case 'surge':
      return { ...where, kind: 'surge', params: { place: regionName, category: a.category ?? '', count: a.count ?? 0, threshold: a.threshold ?? 0 } }
    case 'urgentOverdue': {
      const department = /承办单位：(.+)$/.exec(a.message)?.[1]
      return { ...where, kind: 'urgentOverdue', params: { requestId: a.requestId ?? '', category: a.category ?? '', place: regionName, ...(department ? { department } : {}) } }
    }
    case 'feedStale': {
      const expected = number(a.messageEn, /about (\d+) usual/)
      return { ...where, kind: 'feedStale', params: { minutes: number(a.messageEn, /for (\d+) minutes/) ?? 0, ...(expected === undefined ? {} : { expected }) } }
    }
  }
}
