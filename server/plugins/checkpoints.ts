/**
 * Checkpoints of the engine's changed rows into the store: every `checkpointEveryMs`, soon after
 * `checkpointRows` rows changed (a backfill), one at a time; a last one when the app closes, then
 * the store closes.
 */
import fp from 'fastify-plugin'
import type { Config } from '../config.ts'
import type { Engine } from '../engine/engine.ts'
import type { EventStore } from '../store/event-store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes a checkpoint now (one at a time: waits for the one running). */
    checkpoint(): Promise<void>
  }
}

export interface CheckpointOptions {
  engine: Engine
  store: EventStore
  config: Pick<Config, 'checkpointEveryMs' | 'checkpointRows'>
}

export default fp<CheckpointOptions>(
  async function checkpoints(app, { engine, store, config }) {
    let checkpointing: Promise<void> | null = null
    function checkpoint(): Promise<void> {
      // One at a time: a checkpoint's rows are committed before the next one takes more.
      checkpointing ??= (async () => {
        try {
          await engine.evictQuiet()
          const { state, rows } = engine.checkpointState()
          await store.saveCheckpoint(state, rows)
          engine.checkpointSaved()
          await engine.settle()
        } catch (err) {
          engine.checkpointFailed()
          app.log.warn({ err }, 'checkpoint failed')
        } finally {
          checkpointing = null
        }
      })()
      return checkpointing
    }
    app.decorate('checkpoint', checkpoint)

    // State kept as rows is written in small increments: every few seconds and whenever many rows
    // changed (a backfill), so no checkpoint holds the event loop long.
    const timer = setInterval(() => void checkpoint(), config.checkpointEveryMs)
    timer.unref()
    let soon = false
    engine.onApplied = () => {
      if (soon || engine.unsavedRows < config.checkpointRows) return
      soon = true
      setImmediate(() => {
        soon = false
        if (store.healthy) void checkpoint()
      })
    }
    // Registered before the push plugin, so this runs after the sockets are closed.
    app.addHook('onClose', async () => {
      clearInterval(timer)
      await checkpointing
      if (store.healthy) await checkpoint()
      await store.close()
    })
  },
  { name: 'checkpoints' },
)
