/** Process entry: `npm run server` (a parent wall with `ROLLUP_OF`, docs/scale.md). */
import closeWithGrace from 'close-with-grace'
import { parseEnv } from './config-schema.ts'
import { startServer } from './main.ts'

async function start() {
  const env = parseEnv(process.env)
  // The start counts from the process's: a stopping server tells its walls how long the next one takes.
  const options = { logger: { level: env.LOG_LEVEL }, startedAt: 0 }
  if (env.ROLLUP_OF) return (await import('./rollup/parent-server.ts')).startParentServer(process.env, options)
  const s = await startServer(process.env, options)
  return { ...s, root: s.engine.tree.root.code }
}

const server = await Promise.resolve()
  .then(start)
  .catch((err: Error) => {
    console.error(`yiwang: ${err.message}`)
    process.exit(1)
  })
server.app.log.info(`wall: ${server.url}/wall/${server.root}`)
closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) server.app.log.error(err)
  await server.close()
})
