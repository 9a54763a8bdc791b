import { shallowRef } from 'vue'
import type { ToPinyin } from '../../shared/region-names.ts'

/**
 * The pinyin converter, loaded on first use of English (a lazy chunk: a Chinese wall never
 * downloads the dictionary). Reactive, so translators built before it arrived are rebuilt.
 */
export const pinyinConverter = shallowRef<ToPinyin | null>(null)
let loading: Promise<void> | null = null

/** Starts loading the converter (once). */
export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro')
    .then(({ pinyin }) => {
      pinyinConverter.value = (text) => pinyin(text, { toneType: 'none', type: 'array', v: false })
    })
    .catch(() => {
      loading = null
    })
  return loading
}
