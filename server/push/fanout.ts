/** Writes one event to every socket of a room, encoded once, in slices that yield to the loop. */
import type { Server } from 'socket.io'
import type { Slicer } from './slicer.ts'

// Socket.IO's own broadcast encodes a packet once and writes it to each socket in one synchronous
// loop; this does the same through the same two internals, but yields between sockets when the
// slice is used up, so a room of thousands of walls does not hold the event loop.
type Encode = (packet: object, opts: object) => (string | Buffer)[]
type Writer = { client: { writeToEngine(encoded: (string | Buffer)[], opts: object): void } }

const EVENT = 2 // socket.io-parser PacketType.EVENT

/** Sends `event` with `payload` to the local sockets of `room`; returns sockets written and bytes per socket. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function fanOut(io: Server<any, any, any, any>, room: string, event: string, payload: unknown, slicer: Slicer): Promise<{ sockets: number; bytes: number }> {
  const nsp = io.of('/')
  const members = nsp.adapter.rooms.get(room)
  if (!members?.size) return { sockets: 0, bytes: 0 }
  const encode = (nsp.adapter as unknown as { _encode?: Encode })._encode
  const packet = { type: EVENT, data: [event, payload], nsp: nsp.name }
  if (typeof encode !== 'function') {
    io.local.to(room).emit(event, payload)
    return { sockets: members.size, bytes: 0 }
  }
  const opts = { preEncoded: true }
  const encoded = encode.call(nsp.adapter, packet, opts)
  const bytes = encoded.reduce((n, e) => n + (typeof e === 'string' ? Buffer.byteLength(e) : e.length), 0)
  // Members may join or leave while the loop yields: the ones present now get this frame.
  const ids = [...members]
  let sent = 0
  for (const id of ids) {
    const socket = nsp.sockets.get(id)
    if (socket?.connected) {
      ;(socket as unknown as Writer).client.writeToEngine(encoded, opts)
      sent++
    }
    if (slicer.due()) await slicer.yield()
  }
  return { sockets: sent, bytes }
}
