/**
 * How many main-thread frames Chromium runs for compositor-friendly CSS animations, on a bare page
 * (no wall): a one-shot opacity/transform animation started every second, against an endless one.
 * `npx tsx bench/wall/animation-frames.ts`. It explains the wall's frames between ticks: each new
 * one-shot animation (a digit rolling, a ticker line's entrance, a ripple) makes the main thread
 * render several frames, while the endless ones (the status LED, the ranking scroll) make none.
 */
import { launchChromium } from '../../test/e2e/harness.ts'

const CASES: Record<string, string> = {
  'nothing animating': '',
  'a 0.5 s transform transition every second': `setInterval(() => { x = (x + 1) % 10; el.style.transform = 'translateY(' + -x * 10 + 'px)' }, 1000)`,
  'a 0.2 s opacity animation every second': `setInterval(() => el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 200 }), 1000)`,
  'a new element with a 0.6 s CSS animation every second': `setInterval(() => { const n = document.createElement('div'); n.className = 'a'; document.body.append(n); setTimeout(() => n.remove(), 900) }, 1000)`,
  'an endless 2 s CSS animation': `el.style.animation = 'fade 2s infinite'`,
}
const SECONDS = 5
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
try {
  for (const [name, js] of Object.entries(CASES)) {
    const html = `<style>#el{width:100px;height:100px;background:red;will-change:transform;transition:transform .5s ease-out}.a{width:50px;height:50px;background:blue;animation:fade .6s ease-out}@keyframes fade{from{opacity:0}to{opacity:1}}</style><div id=el></div><script>let x = 0; const el = document.getElementById('el'); ${js}</script>`
    await page.goto(`data:text/html,${encodeURIComponent(html)}`)
    await page.waitForTimeout(1500)
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc'] })
    await page.waitForTimeout(SECONDS * 1000)
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; pid: number; tid: number; args?: { name?: string } }[] }
    const threads = new Map<string, string>()
    for (const e of trace.traceEvents) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name)
    const frames = trace.traceEvents.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain').length
    console.log(`${(frames / SECONDS).toFixed(1).padStart(5)} main-thread frames a second: ${name}`)
  }
} finally {
  await browser.close()
}
