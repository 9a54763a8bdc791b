/**
 * An NDJSON ingest body parsed over several turns of the event loop: a slice of lines (or of
 * text) a turn, so a large body is no long task. Lines and their items are those of `bodyItems`.
 */
import { type BodyItems, parseLine } from './validate-events.ts'

/** Lines parsed in one turn of the event loop. */
const LINE_SLICE = 500
/** Characters parsed in one turn at most (fewer, longer lines). */
const TEXT_SLICE = 256 * 1024

/**
 * The items of an NDJSON body, one per line that is not blank. Past `max` items the lines are only
 * counted: `{ count }` says how many items the body holds, none of them parsed.
 */
export async function ndjsonItems(text: string, max: number): Promise<BodyItems | { count: number }> {
  const out: BodyItems = { items: [], lineErrors: new Map() }
  let count = 0
  let lines = 0
  let chars = 0
  for (let start = 0; start <= text.length; ) {
    if (lines >= LINE_SLICE || chars >= TEXT_SLICE) {
      await new Promise((r) => setImmediate(r))
      lines = chars = 0
    }
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, end)
    start = end + 1
    lines++
    if (!line.trim()) continue
    if (++count > max) continue
    chars += line.length
    parseLine(line, out)
  }
  return count > max ? { count } : out
}
