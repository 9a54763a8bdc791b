// Worker entry for a file-mode shard: TypeScript through tsx in this thread (loader flags do not reach workers).
import { register } from 'tsx/esm/api'

register()
await import('./shard-worker.ts')
