/**
 * A binary codec for checkpoint states made of large typed arrays and strings: a JSON header
 * plus the raw bytes, so restoring is a copy and a few views rather than millions of objects.
 */
type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array
const CTORS = { Float64Array, Int32Array, Uint32Array, Uint8Array } as const
type Ref = { $t: keyof typeof CTORS; o: number; n: number } | { $s: number; n: number }

const isTyped = (v: unknown): v is Typed => ArrayBuffer.isView(v) && !(v instanceof DataView)

/** Encodes a plain object tree whose leaves are JSON values, typed arrays or strings. */
export function encodeColumns(value: unknown): Uint8Array {
  const parts: Uint8Array[] = []
  let size = 0
  const add = (bytes: Uint8Array): number => {
    const pad = (8 - (size % 8)) % 8
    if (pad) {
      parts.push(new Uint8Array(pad))
      size += pad
    }
    const at = size
    parts.push(bytes)
    size += bytes.byteLength
    return at
  }
  const header = JSON.stringify(value, function (this: unknown, _k, v: unknown) {
    if (isTyped(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
      return { $t: v.constructor.name as keyof typeof CTORS, o: add(bytes), n: v.length } satisfies Ref
    }
    if (typeof v === 'string' && v.length > 4096) {
      const bytes = Buffer.from(v, 'utf8')
      return { $s: add(bytes), n: bytes.byteLength } satisfies Ref
    }
    return v
  })
  const head = Buffer.from(header, 'utf8')
  const out = new Uint8Array(8 + head.byteLength + ((8 - (head.byteLength % 8)) % 8) + size)
  new DataView(out.buffer).setFloat64(0, head.byteLength, true)
  out.set(head, 8)
  let at = out.length - size
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** Decodes what `encodeColumns` wrote; typed arrays are views over one aligned copy of the bytes. */
export function decodeColumns<T>(bytes: Uint8Array): T {
  const headLen = new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true)
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + 8, headLen).toString('utf8')
  const dataStart = 8 + headLen + ((8 - (headLen % 8)) % 8)
  const data = new Uint8Array(bytes.byteLength - dataStart)
  data.set(bytes.subarray(dataStart))
  return JSON.parse(header, (_k, v: unknown) => {
    if (v && typeof v === 'object' && '$t' in v) {
      const r = v as { $t: keyof typeof CTORS; o: number; n: number }
      return new CTORS[r.$t](data.buffer, r.o, r.n)
    }
    if (v && typeof v === 'object' && '$s' in v) {
      const r = v as { $s: number; n: number }
      return Buffer.from(data.buffer, r.$s, r.n).toString('utf8')
    }
    return v
  }) as T
}
