/**
 * The ingest contract's closed vocabularies as plain constants, without the schemas: the wall
 * imports these, so its entry chunk does not carry TypeBox and the ingest schemas.
 */
export const CHANNELS = ['hotline', 'app', 'photo', 'grid', 'wechat', 'web', 'other'] as const
export type Channel = (typeof CHANNELS)[number]
export const URGENCIES = ['normal', 'urgent'] as const
export type Urgency = (typeof URGENCIES)[number]
export const SATISFACTIONS = ['satisfied', 'basic', 'dissatisfied'] as const
export type Satisfaction = (typeof SATISFACTIONS)[number]
/** How `request.completed` closes a request (optional; absent = `resolved`, 办结). See `shared/kpi/close-outcome.ts`. */
export const CLOSE_OUTCOMES = ['resolved', 'unresolvable', 'withdrawn', 'rejected'] as const
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number]
