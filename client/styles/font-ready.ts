import { shallowRef } from 'vue'
import { allChineseText } from '../i18n/translate.ts'
import { preloadFont } from './fonts.ts'

/** True once the font chunks charts draw with are loaded (or gave up waiting): charts wait for it. */
export const fontReady = shallowRef(typeof document === 'undefined')

/** Starts loading the wall's font chunks; DOM text shows at once, canvases after this. */
export function loadWallFont(): Promise<void> {
  return preloadFont(allChineseText() + '0123456789%.,:-—·').finally(() => {
    fontReady.value = true
  })
}
