import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// A keyframe list missing its 0 % or 100 % frame takes that end from the element's computed style,
// which keeps Chromium ticking the animation on the main thread (a style recalc every frame) rather
// than on the compositor: on the 1 s wall that was a third of the page's idle main-thread time.
const dirs = ['client/components/wall', 'client/components/charts', 'client/pages', 'client/styles']
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(vue|css)$/.test(f)).map((f) => join(d, f)))

/** Each `@keyframes name { ... }` block with its selectors (`from`, `50%`, `0%, 100%`, ...). */
function keyframeBlocks(css: string): { name: string; stops: string[] }[] {
  const out: { name: string; stops: string[] }[] = []
  for (const m of css.matchAll(/@keyframes\s+([\w-]+)\s*\{/g)) {
    const start = m.index + m[0].length
    let depth = 1
    let i = start
    for (; i < css.length && depth > 0; i++) {
      if (css[i] === '{') depth++
      else if (css[i] === '}') depth--
    }
    const body = css.slice(start, i - 1)
    const stops = [...body.matchAll(/([^{}]+)\{[^{}]*\}/g)].flatMap((s) => s[1].split(',').map((x) => x.trim()))
    out.push({ name: m[1], stops })
  }
  return out
}

describe('wall animations', () => {
  it('finds keyframe stops', () => {
    expect(keyframeBlocks('@keyframes a { 0%, 100% { opacity: 1 } 50% { opacity: 0 } } .x { color: red }')).toEqual([{ name: 'a', stops: ['0%', '100%', '50%'] }])
    expect(keyframeBlocks('@keyframes b { to { opacity: 0 } }')).toEqual([{ name: 'b', stops: ['to'] }])
  })

  it('state both ends of every keyframe list', () => {
    const blocks = files.flatMap((f) => keyframeBlocks(readFileSync(f, 'utf8')).map((b) => ({ ...b, file: f })))
    expect(blocks.length).toBeGreaterThan(5)
    const open = blocks.filter((b) => !b.stops.some((s) => s === 'from' || s === '0%') || !b.stops.some((s) => s === 'to' || s === '100%'))
    expect(open.map((b) => `${b.file} @keyframes ${b.name}`)).toEqual([])
  })
})
