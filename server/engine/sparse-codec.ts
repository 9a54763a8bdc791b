/** Sparse encoding of wide counter arrays (department buckets): u32 count, u32 width, f64 values, u16 indexes. */

export function encodeSparse(b: Float64Array): Uint8Array | null {
  let n = 0
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) n++
  if (n === 0) return null
  const buf = new Uint8Array(8 + n * 10)
  const dv = new DataView(buf.buffer)
  dv.setUint32(0, n, true)
  dv.setUint32(4, b.length, true)
  let j = 0
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) continue
    dv.setFloat64(8 + j * 8, b[i], true)
    dv.setUint16(8 + n * 8 + j * 2, i, true)
    j++
  }
  return buf
}

export function decodeSparse(bytes: Uint8Array): Float64Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = dv.getUint32(0, true)
  const out = new Float64Array(dv.getUint32(4, true))
  for (let j = 0; j < n; j++) out[dv.getUint16(8 + n * 8 + j * 2, true)] = dv.getFloat64(8 + j * 8, true)
  return out
}
