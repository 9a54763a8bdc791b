// Only the weights the wall uses; the per-weight CSS splits CJK into unicode-range chunks so a
// browser downloads just the chunks a page draws.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'

/** The bundled font family name. */
export const FONT_NAME = 'Noto Sans SC'

/**
 * Loads the font chunks covering `text` before canvases measure it: ECharts
 * draws on canvas, which never triggers a web-font download by itself.
 */
export async function preloadFont(text: string, timeoutMs = 1500): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return
  const unique = [...new Set(text)].join('')
  // Charts draw in the normal weight only; bold DOM text loads its chunks by itself.
  const load = document.fonts.load(`400 16px "${FONT_NAME}"`, unique)
  await Promise.race([load.catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs))])
}
