import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { createTranslator, parseLang, type Translator } from './translate.ts'

/** The translator for the current route's `?lang=`. */
export function useI18n(): ComputedRef<Translator> {
  const route = useRoute()
  return computed(() => createTranslator(parseLang(route.query.lang)))
}
