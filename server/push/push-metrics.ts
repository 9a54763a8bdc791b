/** Prometheus metrics of the push tick, registered beside the server's own. */
import { Counter, Gauge, Summary, type Registry } from 'prom-client'

/** Push metrics on `registry`. The event-loop delay itself is the default `yiwang_nodejs_eventloop_lag_*`. */
export function createPushMetrics(registry: Registry) {
  let maxSlice = 0
  let maxSliceCpu = 0
  return {
    tickWork: new Summary({
      name: 'yiwang_tick_work_seconds',
      help: 'CPU time a push tick holds the event loop (all its slices)',
      percentiles: [0.5, 0.99],
      maxAgeSeconds: 120,
      ageBuckets: 4,
      registers: [registry],
    }),
    tickCpu: new Summary({
      name: 'yiwang_tick_work_cpu_seconds',
      help: 'Process CPU time (all threads) during those slices: the work itself, without waiting for a core',
      percentiles: [0.5, 0.99],
      maxAgeSeconds: 120,
      ageBuckets: 4,
      registers: [registry],
    }),
    maxSlice: new Gauge({
      name: 'yiwang_tick_slice_max_seconds',
      help: 'Longest single task of the push tick since the last scrape',
      registers: [registry],
      collect() {
        this.set(maxSlice / 1000)
        maxSlice = 0
      },
    }),
    maxSliceCpu: new Gauge({
      name: 'yiwang_tick_slice_max_cpu_seconds',
      help: 'Process CPU time (all threads) of that longest task',
      registers: [registry],
      collect() {
        this.set(maxSliceCpu / 1000)
        maxSliceCpu = 0
      },
    }),
    shed: new Counter({ name: 'yiwang_handshakes_shed_total', help: 'New connections refused while too many handshakes were in progress', registers: [registry] }),
    frames: new Counter({ name: 'yiwang_push_frames_total', help: 'Frames written to sockets', registers: [registry] }),
    bytes: new Counter({ name: 'yiwang_push_bytes_total', help: 'Bytes of frames written to sockets', registers: [registry] }),
    /** Records one tick's slices. */
    slices({ workMs, workCpuMs, maxSliceMs, maxSliceCpuMs }: { workMs: number; workCpuMs: number; maxSliceMs: number; maxSliceCpuMs: number }) {
      this.tickWork.observe(workMs / 1000)
      this.tickCpu.observe(workCpuMs / 1000)
      if (maxSliceMs > maxSlice) {
        maxSlice = maxSliceMs
        maxSliceCpu = maxSliceCpuMs
      }
    },
  }
}
export type PushMetrics = ReturnType<typeof createPushMetrics>
