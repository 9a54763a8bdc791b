/** Request bodies as upstream systems send them: gzip or deflate encoded, with or without a UTF-8 BOM. */
import { Transform, type Readable } from 'node:stream'
import { createGunzip, createInflate } from 'node:zlib'
import type { FastifyInstance } from 'fastify'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** Drops a UTF-8 byte order mark at the start of a stream. */
function stripBom(): Transform {
  let head: Buffer | null = Buffer.alloc(0)
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head === null) return done(null, chunk)
      head = Buffer.concat([head, chunk])
      if (head.length < BOM.length && BOM.subarray(0, head.length).equals(head)) return done()
      const out = head.subarray(0, BOM.length).equals(BOM) ? head.subarray(BOM.length) : head
      head = null
      done(null, out)
    },
    flush(done) {
      if (head && head.length) this.push(head)
      done()
    },
  })
}

const fail = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode })

/**
 * Decodes `Content-Encoding: gzip` / `deflate` bodies (the body limit applies to the decoded bytes)
 * and drops a leading BOM; other encodings get 415. Answers `text/plain` with 415 too: no route reads it.
 */
export function acceptEncodedBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain')
  app.addHook('preParsing', async (req, _reply, payload: Readable & { receivedEncodedLength?: number }) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
    let decoded: Transform | null = null
    if (encoding === 'gzip' || encoding === 'x-gzip') decoded = createGunzip()
    else if (encoding === 'deflate') decoded = createInflate()
    else if (encoding !== 'identity') throw fail(415, `unsupported Content-Encoding "${encoding.slice(0, 20)}"; send gzip, deflate or none`)
    const out = stripBom() as Transform & { receivedEncodedLength: number }
    // Fastify matches Content-Length against the bytes received, not the bytes decoded.
    out.receivedEncodedLength = 0
    payload.on('data', (chunk: Buffer) => (out.receivedEncodedLength += chunk.length))
    payload.on('error', (err) => out.destroy(err))
    if (decoded) {
      decoded.on('error', (err) => out.destroy(fail(400, `body is not valid ${encoding}: ${err.message}`)))
      payload.pipe(decoded).pipe(out)
    } else payload.pipe(out)
    return out
  })
}
