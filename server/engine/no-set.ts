/** A set that keeps nothing: change tracking while the state has no tables to write rows to. */
export class NoSet<T> extends Set<T> {
  override add(): this {
    return this
  }
}
