import { onKeyStroke } from '@vueuse/core'

/** What the operator keys do on the page. */
export interface OperatorKeyActions {
  /** Esc: leave the zoomed panel, else go one level up. */
  back: () => void
}

/** Whether a key event comes from a text field (typing there is not a command). */
const typing = (e: KeyboardEvent): boolean => {
  const t = e.target as HTMLElement | null
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
}

/** Toggles the browser's full screen for the whole page. */
export function toggleFullscreen(doc: Document = document): Promise<void> {
  return (doc.fullscreenElement ? doc.exitFullscreen() : doc.documentElement.requestFullscreen()).catch(() => undefined)
}

/** The wall's operator keys: F full screen, Esc back (out of a zoom, then up a level). */
export function useOperatorKeys(actions: OperatorKeyActions): void {
  onKeyStroke(['f', 'F'], (e) => {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return
    void toggleFullscreen()
  })
  onKeyStroke('Escape', (e) => {
    if (typing(e)) return
    actions.back()
  })
}
