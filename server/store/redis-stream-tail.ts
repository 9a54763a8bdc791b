/** Reads the event stream from a cursor, in order: a drain for replay, then a blocking loop for live entries. */
import type { RedisClient } from './redis-connection.ts'

/**
 * One stored batch: its stream id, the token of the append that wrote it, and its events as JSON
 * bytes (decoded only by a reader that needs them: a process's own batches are already in hand).
 */
export interface StreamEntry {
  id: string
  token: string
  json: Buffer
}

type XReadReply = [Buffer, [Buffer, Buffer[]][]][] | null
const EMPTY: Buffer = Buffer.from('[]')

const READ_COUNT = 32
const BLOCK_MS = 1000
const RETRY_MS = 200

/** Follows one stream on its own connection (blocking reads would stall other commands). */
export class StreamTail {
  private running = false
  private stopped = false
  private loop: Promise<void> = Promise.resolve()

  constructor(
    private readonly conn: RedisClient,
    private readonly key: string,
    /** Id of the last entry delivered; reading resumes after it. */
    public cursor: string,
    private readonly onEntries: (entries: StreamEntry[]) => void,
    /** Told after each read of the loop whether it reached Redis (a cluster stays "ready" with one master gone). */
    private readonly onHealth: (ok: boolean, err?: Error) => void = () => {},
  ) {}

  /** Reads (without blocking) until the end of the stream as it is now. */
  async drain(): Promise<void> {
    while (await this.readOnce(null)) {
      // keep reading
    }
  }

  /** Starts the blocking loop; read errors (Redis away) are retried until `stop`. */
  start(): void {
    if (this.running) return
    this.running = true
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.readOnce(BLOCK_MS)
          this.onHealth(true)
        } catch (err) {
          if (this.stopped) break
          this.onHealth(false, err as Error)
          await new Promise((r) => setTimeout(r, RETRY_MS))
        }
      }
    })()
  }

  /** Stops the loop; resolves when it has ended (disconnect the connection to cut a blocked read short). */
  stop(): Promise<void> {
    this.stopped = true
    return this.loop
  }

  /** One XREAD; returns how many entries it delivered. */
  private async readOnce(blockMs: number | null): Promise<number> {
    // The typed xread (not `call`) normalizes RESP3 map replies to the RESP2 shape. As buffers: a
    // batch's JSON (≈ 160 kB for 1,000 events) is not turned into a string unless it is needed.
    const reply = (
      blockMs === null
        ? await this.conn.xreadBuffer('COUNT', READ_COUNT, 'STREAMS', this.key, this.cursor)
        : await this.conn.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', blockMs, 'STREAMS', this.key, this.cursor)
    ) as XReadReply
    if (this.stopped || !reply?.length) return 0
    const entries: StreamEntry[] = []
    for (const [id, fields] of reply[0][1]) {
      let token = ''
      let json = EMPTY
      for (let i = 0; i < fields.length; i += 2) {
        const name = fields[i].toString('latin1')
        if (name === 'b') token = fields[i + 1].toString()
        else if (name === 'e') json = fields[i + 1]
      }
      entries.push({ id: id.toString('latin1'), token, json })
    }
    // One entry (one stored batch) per turn of the event loop; the cursor moves with each, so a
    // checkpoint taken between two covers exactly what was delivered.
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) await new Promise((r) => setImmediate(r))
      if (this.stopped) return i
      this.cursor = entries[i].id
      this.onEntries([entries[i]])
    }
    return entries.length
  }
}
