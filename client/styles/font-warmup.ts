import { FONT_NAME } from './fonts.ts'

/** The part of a `FontFace` the warm-up reads (a fake in node tests). */
export interface FaceLike {
  family: string
  status: FontFaceLoadStatus
  load(): Promise<unknown>
}

/**
 * The faces of the bundled family still to load, most common characters first. Fontsource lists
 * a CJK family's unicode-range chunks rarest first and Latin last, so this is that order reversed.
 */
export function facesToWarm<F extends FaceLike>(faces: Iterable<F>, family = FONT_NAME): F[] {
  const name = (f: F) => f.family.replace(/^["']|["']$/g, '')
  return [...faces].filter((f) => name(f) === family && f.status === 'unloaded').reverse()
}

export interface WarmupOptions<F extends FaceLike> {
  faces: () => Iterable<F>
  /** Runs `cb` at the next idle moment; returns a cancel function. */
  whenIdle: (cb: () => void) => () => void
  /** Faces loaded together: their completions land close together, so the page re-lays out once a batch. */
  batch?: number
}

/**
 * Loads every face of the bundled family, a batch at each idle moment. A face that loads while the
 * wall runs (a new character in a ticker line) re-lays out all the page's text in one 20–40 ms
 * frame; once warmed up, a wall running for weeks never does that again. `done` settles when
 * nothing is left to load, or on `stop`.
 */
export function warmFontFaces<F extends FaceLike>(opts: WarmupOptions<F>): { stop: () => void; done: Promise<void> } {
  const size = opts.batch ?? 24
  let stopped = false
  let cancelIdle: (() => void) | null = null
  let finish!: () => void
  const done = new Promise<void>((r) => (finish = r))
  const next = () => {
    cancelIdle = null
    if (stopped) return finish()
    const todo = facesToWarm(opts.faces()).slice(0, size)
    if (!todo.length) return finish()
    // A chunk that fails (offline) is left in error and not asked for again: its text falls back.
    void Promise.all(todo.map((f) => f.load().catch(() => undefined))).then(() => {
      // Nothing settled (a face still unloaded after its load): stop rather than ask forever.
      if (stopped || todo.every((f) => f.status === 'unloaded')) return finish()
      cancelIdle = opts.whenIdle(next)
    })
  }
  cancelIdle = opts.whenIdle(next)
  return {
    stop: () => {
      stopped = true
      cancelIdle?.()
      finish()
    },
    done,
  }
}

/** In the browser: the document's faces, batches at idle moments after `delayMs`. */
export function warmDocumentFonts(delayMs = 10_000): { stop: () => void; done: Promise<void> } | null {
  if (typeof document === 'undefined' || !document.fonts || typeof requestIdleCallback === 'undefined') return null
  let started = false
  return warmFontFaces({
    faces: () => document.fonts as unknown as Iterable<FontFace>,
    whenIdle: (cb) => {
      const wait = started ? 0 : delayMs
      started = true
      let idle = 0
      const timer = setTimeout(() => (idle = requestIdleCallback(cb, { timeout: 5000 })), wait)
      return () => {
        clearTimeout(timer)
        if (idle) cancelIdleCallback(idle)
      }
    },
  })
}
