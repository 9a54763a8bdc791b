/**
 * Acknowledgements serialised once for many sockets: a reconnect storm acks thousands of
 * subscriptions to the same few regions with the same snapshot, and Socket.IO would scan
 * (`hasBinary`) and stringify it again for each one. An {@link EncodedAck} carries the JSON
 * already written; the server's encoder puts it into the packet as it is.
 */
import type { Server } from 'socket.io'

const ACK = 3 // socket.io-parser PacketType.ACK

/** An ack argument whose JSON is already written. */
export class EncodedAck {
  constructor(readonly json: string) {}
}

interface Packet {
  type: number
  nsp: string
  id?: number
  data?: unknown
}

/**
 * Teaches the server's encoder (one per server, shared by every client and the adapter) to write
 * an ACK packet whose only argument is an {@link EncodedAck} as socket.io-parser would, without
 * encoding the argument again. Every other packet is encoded as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function encodeAcksOnce(io: Server<any, any, any, any>): void {
  const encoder = io.encoder as unknown as { encode(packet: Packet): (string | Buffer)[] }
  const encode = encoder.encode.bind(encoder)
  encoder.encode = (packet) => {
    const arg = Array.isArray(packet.data) && packet.data.length === 1 ? packet.data[0] : undefined
    if (packet.type !== ACK || !(arg instanceof EncodedAck)) return encode(packet)
    // socket.io-parser's string form: type, namespace unless the main one, id, JSON of the arguments.
    return [`${ACK}${packet.nsp && packet.nsp !== '/' ? packet.nsp + ',' : ''}${packet.id ?? ''}[${arg.json}]`]
  }
}
