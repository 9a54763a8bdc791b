import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { DEFAULT_ROOT, fetchMeta } from './api/http.ts'
import App from './App.vue'
import { allChineseText } from './i18n/translate.ts'
import { createWallRouter } from './router/index.ts'
import { useWallStore } from './stores/wall.ts'
import { preloadFont } from './styles/fonts.ts'
import './styles/wall.css'

// Meta (root, title, tick) and the font chunks load in parallel before the first render.
const pinia = createPinia()
const [meta] = await Promise.all([fetchMeta(), preloadFont(allChineseText() + '0123456789%.,:-—·')])
const store = useWallStore(pinia)
store.meta = meta
const router = createWallRouter(() => meta?.root.code ?? DEFAULT_ROOT)
createApp(App).use(pinia).use(router).mount('#app')
