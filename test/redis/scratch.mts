import { Redis } from 'ioredis'
for (const protocol of [2, 3] as const) {
  const r = new Redis({ port: 16399, protocol })
  await r.del('s')
  await r.xadd('s', '*', 'e', 'hello')
  console.log(protocol, JSON.stringify(await r.xread('COUNT', 10, 'STREAMS', 's', '0')))
  console.log(protocol, JSON.stringify(await r.eval("return {redis.call('XADD', KEYS[1], '*', 'e', 'x'), '101', false}", 1, 's')))
  console.log(protocol, await r.hgetallBuffer('nokey'))
  r.disconnect()
}
