import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const target = process.env.YIWANG_API ?? 'http://127.0.0.1:8890'

/** The wall client: root client/, built into dist/client, served by the server under /assets/. */
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  base: '/',
  plugins: [vue()],
  // The chart worker is an ES module worker (it shares ECharts' chunks with nothing on the page).
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` proxies the API and Socket.IO to a running server.
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
    },
  },
})
