import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['{shared,server,client,mock,test,bench}/**/*.test.ts'],
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The machine has two cores; browser, Redis and child-process tests are heavy.
    maxWorkers: 2,
  },
})
