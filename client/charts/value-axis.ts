/**
 * A value axis from 0 that the wall fixes itself rather than leaving to ECharts, so a chart's
 * redraw key can say exactly when its picture changes (see {@link plotKey}).
 */
export interface ValueAxis {
  max: number
  interval: number
}

/** Steps of a plot's height a value is drawn to: ≥ the plot's device pixels up to a 4K wall. */
export const PLOT_STEPS = 400

/** Smallest 1, 2 or 5 × 10^k (at least 1: counts) not below `x`. */
export function niceStep(x: number): number {
  if (!(x > 1)) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  const f = x / p
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p
}

/** Axis 0…max in at most `splits` nice intervals, covering `dataMax`. */
export function niceAxis(dataMax: number, splits = 5): ValueAxis {
  const interval = niceStep(Math.max(0, dataMax) / splits)
  return { max: Math.max(interval, Math.ceil(Math.max(0, dataMax) / interval) * interval), interval }
}

/** Largest value in `series` (nulls and gaps ignored), 0 if none. */
export const seriesMax = (series: readonly (readonly (number | null | undefined)[])[]): number =>
  series.reduce((m, s) => s.reduce<number>((a, v) => (v != null && v > a ? v : a), m), 0)

/**
 * What a chart draws, as a string: the axis and every value quantised to {@link PLOT_STEPS} of it
 * (null stays a gap). Equal keys draw the same picture, so the chart is redrawn only when its key
 * changes, not on every count.
 */
export function plotKey(axis: ValueAxis, series: readonly (readonly (number | null | undefined)[])[]): string {
  const q = (v: number | null | undefined) => (v == null ? '' : Math.round((v / axis.max) * PLOT_STEPS))
  return `${axis.max}/${axis.interval}|${series.map((s) => s.map(q).join(',')).join('|')}`
}
