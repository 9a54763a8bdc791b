/** Process entry: `npm run server`. */
import closeWithGrace from 'close-with-grace'
import { parseEnv } from './config-schema.ts'
import { startServer } from './main.ts'

const server = await Promise.resolve()
  .then(() => startServer(process.env, { logger: { level: parseEnv(process.env).LOG_LEVEL } }))
  .catch((err: Error) => {
    console.error(`yiwang: ${err.message}`)
    process.exit(1)
  })
server.app.log.info(`wall: ${server.url}/wall/${server.engine.tree.root.code}`)
closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) server.app.log.error(err)
  await server.close()
})
