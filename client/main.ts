import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { DEFAULT_ROOT, fetchMeta } from './api/http.ts'
import App from './App.vue'
import { sharedSocket } from './composables/useLiveFeed.ts'
import { traceRequested } from './measure/hook.ts'
import { createWallRouter } from './router/index.ts'
import { useWallStore } from './stores/wall.ts'
import { loadWallFont } from './styles/font-ready.ts'
import { warmDocumentFonts } from './styles/font-warmup.ts'
import './styles/wall.css'

// Font, socket handshake and meta all start at once; the first snapshot needs only the latter two.
void loadWallFont()
// The rest of the font's chunks at idle moments once the wall is up: no re-layout for a new
// character in the ticker later on.
warmDocumentFonts()
sharedSocket()
const pinia = createPinia()
// Meta names the root for `/`; a server without it gets the default root. A benchmark's `?trace=1`
// installs the measurement meanwhile (the product's bundle does not carry it).
const [meta] = await Promise.all([fetchMeta(), traceRequested(location.search) ? import('./measure/install.ts').then((m) => m.installMeasurement()) : undefined])
const store = useWallStore(pinia)
store.meta = meta
const router = createWallRouter(() => meta?.root.code ?? DEFAULT_ROOT)
createApp(App).use(pinia).use(router).mount('#app')
