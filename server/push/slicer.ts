/** Cuts long work into event-loop tasks of a few ms, so ingest is never held behind a push. */
import { setImmediate as yieldToLoop } from 'node:timers/promises'

/** A running account of a job's slices: `due()` says when the current one has used its budget. */
export interface Slicer {
  /** True when the current slice has run for the budget or longer. */
  due(): boolean
  /** Ends the current slice, lets other tasks run, starts the next. */
  yield(): Promise<void>
  /**
   * Ends the job: its time on the loop (sum of slices) and the longest slice, in ms of wall time,
   * and the process CPU time of that longest slice (all threads: a slice much longer in wall time
   * than in CPU time was waiting for a core, not working).
   */
  finish(): { workMs: number; workCpuMs: number; maxSliceMs: number; maxSliceCpuMs: number; slices: number }
}

/** A slicer with slices of `budgetMs`. */
export function createSlicer(budgetMs: number, now: () => number = () => performance.now()): Slicer {
  let start = now()
  let cpu = process.cpuUsage()
  let workMs = 0
  let workCpuMs = 0
  let maxSliceMs = 0
  let maxSliceCpuMs = 0
  let slices = 1
  const close = () => {
    const d = now() - start
    const c = process.cpuUsage(cpu)
    const dCpu = (c.user + c.system) / 1000
    workMs += d
    workCpuMs += dCpu
    if (d > maxSliceMs) {
      maxSliceMs = d
      maxSliceCpuMs = dCpu
    }
  }
  return {
    due: () => now() - start >= budgetMs,
    async yield() {
      close()
      await yieldToLoop()
      slices++
      start = now()
      cpu = process.cpuUsage()
    },
    finish() {
      close()
      start = now()
      return { workMs, workCpuMs, maxSliceMs, maxSliceCpuMs, slices }
    },
  }
}
