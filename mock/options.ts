/** Command-line options of `npm run simulate`, validated with clear messages. */
import { parseArgs } from 'node:util'
import { dateToDay, dayStartMs, DAY_MS, yearStartMs } from '../shared/time-windows.ts'
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.ts'

export const MODES = ['live', 'backfill', 'scenario', 'file'] as const
export type Mode = (typeof MODES)[number]

export interface CliOptions {
  mode: Mode
  scenario?: ScenarioName
  url: string
  token: string
  seed: number
  root: string
  from: number
  to?: number
  at: number
  speed: number
  out: string
  volume?: number
  state?: string
  street?: string
  batch: number
}

/** A usage mistake: the CLI prints the message and the usage, then exits with 2. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run simulate -- <mode> [options]

modes:
  live              play the city in real time (with --speed N: replay from --from at N×, then real time)
  backfill          post the history from --from (default 1 January) to --to (default now), as fast as accepted
  scenario NAME     play a scenario: ${SCENARIO_NAMES.join(', ')}
  file              write NDJSON to --out instead of posting (benchmarks, replay)

options:
  --url URL         server (default http://127.0.0.1:8890)
  --token TOKEN     ingest token (default $INGEST_TOKEN or dev-ingest-token)
  --seed N          random seed, 0..4294967295 (default 8890)
  --root CODE       region root of the pack (default 2103 鞍山市)
  --from TIME       start: YYYY-MM-DD (Asia/Shanghai) or RFC 3339
  --to TIME         end (default now; live: forever)
  --at TIME         when a scenario happens (default now)
  --speed N         simulated seconds per real second while behind the clock (default 1; "max" = as fast as accepted)
  --out FILE        file mode output (default -, stdout)
  --volume N        valid requests a day for the root (default 1,500 per 1,193 communities)
  --state FILE      save progress here and resume from it (no gaps, no doubles)
  --street CODE     street hit by the surge scenario
  --batch N         events per POST, 1..5000 (default 5000)`

const int = (name: string, text: string, min: number, max: number): number => {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`)
  return Number(text)
}

/** Parses `YYYY-MM-DD` (00:00 Asia/Shanghai) or a full RFC 3339 timestamp; NaN when invalid. */
export function parseTime(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return dayStartMs(dateToDay(text))
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) return NaN
  return Date.parse(text)
}

const time = (name: string, text: string): number => {
  const ms = parseTime(text)
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be a date YYYY-MM-DD or an RFC 3339 timestamp, got "${text}"`)
  return ms
}

/** Parses argv (without node and script); `now` fills the defaults. */
export function parseCliArgs(argv: string[], now: number, env: Record<string, string | undefined> = {}): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        ['url', 'token', 'seed', 'root', 'from', 'to', 'at', 'speed', 'out', 'volume', 'state', 'street', 'batch'].map((k) => [k, { type: 'string' as const }]),
      ),
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values: v, positionals } = parsed
  const [mode, name, ...rest] = positionals
  if (!mode) throw new UsageError('missing mode')
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`unknown mode "${mode}" (expected ${MODES.join(', ')})`)
  let scenario: ScenarioName | undefined
  if (mode === 'scenario') {
    if (!name) throw new UsageError(`scenario needs a name: ${SCENARIO_NAMES.join(', ')}`)
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown scenario "${name}" (expected ${SCENARIO_NAMES.join(', ')})`)
    scenario = name as ScenarioName
  } else if (name) throw new UsageError(`unexpected argument "${name}"`)
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`)

  const url = v.url ?? 'http://127.0.0.1:8890'
  if (!/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url)) throw new UsageError(`--url must be an http(s) URL, got "${url}"`)
  const token = v.token ?? env.INGEST_TOKEN ?? 'dev-ingest-token'
  if (!token) throw new UsageError('--token must not be empty')
  const root = v.root ?? '2103'
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(root)) throw new UsageError(`--root must be a region code of 2, 4, 6, 9 or 12 digits, got "${root}"`)
  let speed = 1
  if (v.speed !== undefined) {
    speed = v.speed === 'max' ? Infinity : Number(v.speed)
    if (!(speed > 0) || !/^(max|\d+(\.\d+)?)$/.test(v.speed)) throw new UsageError(`--speed must be a positive number or "max", got "${v.speed}"`)
  }
  const defaultFrom = mode === 'live' ? (speed > 1 ? now - DAY_MS : now) : yearStartMs(now)
  const from = v.from !== undefined ? time('from', v.from) : defaultFrom
  const to = v.to !== undefined ? time('to', v.to) : mode === 'live' || mode === 'scenario' ? undefined : now
  if (to !== undefined && to <= from) throw new UsageError(`--to (${v.to ?? 'now'}) must be after --from (${v.from ?? 'default'})`)
  if (mode !== 'file' && from > now + 5 * 60_000) throw new UsageError('--from is in the future: the server accepts events at most 5 minutes ahead')
  if (mode !== 'file' && to !== undefined && to > now + 5 * 60_000) throw new UsageError('--to is in the future: the server accepts events at most 5 minutes ahead (use file mode for future data)')
  const at = v.at !== undefined ? time('at', v.at) : now
  if (v.street !== undefined && !/^\d{9}$/.test(v.street)) throw new UsageError(`--street must be a 9-digit street code, got "${v.street}"`)
  return {
    mode: mode as Mode,
    scenario,
    url,
    token,
    seed: v.seed !== undefined ? int('seed', v.seed, 0, 4294967295) : 8890,
    root,
    from,
    to,
    at,
    speed,
    out: v.out ?? '-',
    volume: v.volume !== undefined ? int('volume', v.volume, 1, 10_000_000) : undefined,
    state: v.state,
    street: v.street,
    batch: v.batch !== undefined ? int('batch', v.batch, 1, 5000) : 5000,
  }
}
