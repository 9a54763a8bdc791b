// Worker entry of the embedded store's writer: TypeScript through tsx in this thread (loader flags do not reach workers).
import { register } from 'tsx/esm/api'

register()
await import('./sqlite-worker.ts')
