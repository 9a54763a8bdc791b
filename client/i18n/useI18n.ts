import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { createTranslator, parseLang, type Translator } from './translate.ts'
import { loadPinyin, pinyinConverter } from './useRegionNames.ts'

/** The translator for the current route's `?lang=`; English region names once pinyin has loaded. */
export function useI18n(): ComputedRef<Translator> {
  const route = useRoute()
  return computed(() => {
    const lang = parseLang(route.query.lang)
    if (lang === 'en' && !pinyinConverter.value) void loadPinyin()
    return createTranslator(lang, lang === 'en' ? pinyinConverter.value : null)
  })
}
