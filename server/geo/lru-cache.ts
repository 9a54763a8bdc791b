/** A Map bounded to `max` entries that drops the least recently used one. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>()

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size
  }

  /** The value for `key`, marked as just used. */
  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
  }
}
