/** Process entry: `npm run server`. */
import closeWithGrace from 'close-with-grace'
import { startServer } from './main.ts'

const server = await startServer(process.env, { logger: { level: process.env.LOG_LEVEL ?? 'info' } }).catch((err: Error) => {
  console.error(`yiwang: ${err.message}`)
  process.exit(1)
})
server.app.log.info(`wall: ${server.url}/wall/${server.engine.tree.root.code}`)
closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) server.app.log.error(err)
  await server.close()
})
