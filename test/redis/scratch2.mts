import { Redis } from 'ioredis'
const r = new Redis({ port: 16399 })
await r.xadd('s2', '*', 'e', 'x')
console.log(JSON.stringify(await r.call('XREAD', 'COUNT', 5, 'STREAMS', 's2', '0-0')))
console.log(JSON.stringify(await r.xread('COUNT', 5, 'STREAMS', 's2', '0-0')))
const r2 = new Redis({ port: 16399, protocol: 2 })
console.log(JSON.stringify(await r2.call('XREAD', 'COUNT', 5, 'STREAMS', 's2', '0-0')))
r.disconnect(); r2.disconnect()
