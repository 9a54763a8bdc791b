import { describe, expect, it } from 'vitest'
import { createTranslator } from '../i18n/translate.ts'
import { snapshotFixture, tickerItem } from '../test-fixtures/snapshot.ts'
import { barShare, topCategories } from './categories.ts'
import { channelArcs, channelLegend, channelShares, DONUT } from './channels.ts'
import { dailyKey, dailyLegend, dailyTrendOption } from './daily-trend.ts'
import { hourlyKey, hourlyLegend, hourlyTrendOption, PARTIAL_OPACITY, upToHour } from './hourly-trend.ts'
import { hourOfDay } from '../../shared/time-windows.ts'
import { MAX_RIPPLES, pulsesFor, ripples } from './pulses.ts'
import { ratePairs, rateRings, ringDash, ringRadius } from './rates.ts'
import { MAP_NO_VALUE, MAX_PULSES, mapFills, measureRamp, measureValue, rampColour } from './region-map.ts'
import { MIN_FONT } from './theme.ts'

const zh = createTranslator('zh-CN')
const en = createTranslator('en')
const snap = snapshotFixture()
type Series = { id: string; data: unknown[] }
const seriesOf = (o: Record<string, unknown>): Series[] => o.series as Series[]

describe('hourly trend', () => {
  it('fixes its axis over the data, and keys a redraw to a visible change', () => {
    const o = hourlyTrendOption(snap.hourly, snap.asOf, zh) as { yAxis: { max: number; interval: number } }
    const drawn = [...snap.hourly.today.accepted.slice(0, 15), ...snap.hourly.yesterday.accepted, ...snap.hourly.yesterday.completed]
    expect(o.yAxis.max).toBeGreaterThanOrEqual(Math.max(...drawn))
    expect(o.yAxis.max % o.yAxis.interval).toBe(0)
    const key = hourlyKey(snap.hourly, snap.asOf, 'zh-CN')
    const bump = (d: number) => ({ ...snap.hourly, today: { ...snap.hourly.today, accepted: snap.hourly.today.accepted.map((v, h) => (h === 14 ? v + d : v)) } })
    const step = o.yAxis.max / 400
    expect(hourlyKey(bump(step / 4), snap.asOf, 'zh-CN')).toBe(key)
    expect(hourlyKey(bump(2 * step), snap.asOf, 'zh-CN')).not.toBe(key)
    expect(hourlyKey(snap.hourly, snap.asOf + 3600_000, 'zh-CN')).not.toBe(key)
    expect(hourlyKey(snap.hourly, snap.asOf, 'en')).not.toBe(key)
  })
  it('stops today at the current Beijing hour and keeps yesterday whole', () => {
    expect(hourOfDay(snap.asOf)).toBe(14)
    const s = seriesOf(hourlyTrendOption(snap.hourly, snap.asOf, zh))
    expect(s.map((x) => x.id)).toEqual(['acc-today', 'cmp-today', 'acc-yday', 'cmp-yday'])
    expect((s[0].data[14] as { value: number }).value).toBe(snap.hourly.today.accepted[14])
    expect(s[0].data[15]).toBeNull()
    expect(s[2].data).toHaveLength(24)
  })
  it('pads short series', () => expect(upToHour([1, 2], 3)).toEqual([1, 2, 0, 0, ...Array(20).fill(null)]))
  it('has a legend entry per series, in its colour, yesterday dashed', () => {
    const o = hourlyTrendOption(snap.hourly, snap.asOf, en) as { series: { name: string; itemStyle: { color: string } }[] }
    const legend = hourlyLegend(en)
    expect(legend.map((l) => [l.name, l.color])).toEqual(o.series.map((x) => [x.name, x.itemStyle.color]))
    expect(legend.map((l) => l.mark)).toEqual(['bar', 'bar', 'dashed', 'dashed'])
    expect(dailyLegend(zh).map((l) => l.mark)).toEqual(['bar', 'bar'])
  })
  it('draws whole counts as bars and steps, never smoothed, and fades the hour not over', () => {
    const s = hourlyTrendOption(snap.hourly, snap.asOf, zh).series as { type: string; smooth?: boolean; step?: string; data: unknown[] }[]
    expect(s.map((x) => x.type)).toEqual(['bar', 'bar', 'line', 'line'])
    expect(s.every((x) => !x.smooth)).toBe(true)
    expect(s[2].step).toBe('middle')
    expect(s[0].data[14]).toEqual({ value: snap.hourly.today.accepted[14], itemStyle: { opacity: PARTIAL_OPACITY } })
    expect(s[0].data[13]).toBe(snap.hourly.today.accepted[13])
    const daily = dailyTrendOption(snap.daily, zh) as { xAxis: { data: string[] }; series: { type: string; data: unknown[] }[] }
    expect(daily.series.map((x) => x.type)).toEqual(['bar', 'bar'])
    expect(daily.xAxis.data.at(-1)).toBe('今日(进行中)')
    expect(daily.series[0].data.at(-1)).toEqual({ value: snap.daily.accepted.at(-1), itemStyle: { opacity: PARTIAL_OPACITY } })
  })
})

describe('daily trend', () => {
  it('keys a redraw to a visible change of its bars and line', () => {
    const o = dailyTrendOption(snap.daily, zh) as { yAxis: { max: number } }
    const key = dailyKey(snap.daily, 'zh-CN')
    const bump = (d: number) => ({ ...snap.daily, accepted: snap.daily.accepted.map((v, i, a) => (i === a.length - 1 ? v + d : v)) })
    expect(dailyKey(bump(o.yAxis.max / 1600), 'zh-CN')).toBe(key)
    expect(dailyKey(bump(o.yAxis.max / 100), 'zh-CN')).not.toBe(key)
  })
  it('keeps at most 30 days, oldest first, with stable series ids', () => {
    const o = dailyTrendOption(snap.daily, zh) as { xAxis: { data: string[] }; series: Series[] }
    expect(o.xAxis.data).toHaveLength(30)
    expect(o.xAxis.data[4]).toBe(snap.daily.dates[4].slice(5))
    expect(o.xAxis.data[0]).toBe('')
    expect(o.series.map((x) => x.id)).toEqual(['acc', 'cmp'])
  })
})

describe('categories', () => {
  it('takes the ten largest, largest first, without zeros', () => {
    const top = topCategories({ ...snap.windows.today.byCategory, 医疗卫生: 0 })
    expect(top).toHaveLength(10)
    expect(top[0]).toEqual({ name: '供暖', value: 120 })
    expect(top.some((t) => t.name === '医疗卫生')).toBe(false)
  })
  it('sizes bars against the largest, within 0–1', () => {
    expect(barShare(60, 120)).toBe(0.5)
    expect(barShare(120, 120)).toBe(1)
    expect(barShare(5, 0)).toBe(0)
  })
})

describe('channels', () => {
  it('keeps the contract order and drops empty channels', () => {
    expect(channelShares({ web: 1, hotline: 5, other: 0 }).map((c) => c.channel)).toEqual(['hotline', 'web'])
    expect(channelLegend({ hotline: 5 }, zh)[0].name).toBe('电话')
  })
  it('gives each channel its share in a legend coloured like the ring', () => {
    const legend = channelLegend({ hotline: 3, web: 1 }, en)
    expect(legend.map((l) => [l.name, l.value])).toEqual([['Hotline', '75.0%'], ['Web', '25.0%']])
    expect(channelArcs({ hotline: 3, web: 1 }).map((a) => a.color)).toEqual(legend.map((l) => l.color))
  })
  it('lays the ring out as arcs in proportion, one after another from 12 o\'clock', () => {
    const c = 2 * Math.PI * DONUT.r
    const arcs = channelArcs({ hotline: 3, web: 1 }, 0)
    expect(arcs.map((a) => a.channel)).toEqual(['hotline', 'web'])
    expect(arcs.map((a) => Number(a.dash.split(' ')[0]))).toEqual([Number((0.75 * c).toFixed(2)), Number((0.25 * c).toFixed(2))])
    expect(arcs.map((a) => Number(a.offset))).toEqual([0, -Number((0.75 * c).toFixed(2))])
    // Each dash pattern spans the whole circle, so an arc is drawn once.
    for (const a of channelArcs({ hotline: 1, web: 2, app: 3 })) expect(a.dash.split(' ').map(Number).reduce((x, y) => x + y)).toBeCloseTo(c, 1)
    // A gap between slices, but none in a ring of one channel.
    expect(Number(channelArcs({ hotline: 1, web: 1 }, 1)[0].dash.split(' ')[0])).toBeCloseTo(c / 2 - 1, 1)
    expect(Number(channelArcs({ hotline: 1 }, 1)[0].dash.split(' ')[0])).toBeCloseTo(c, 1)
    expect(channelArcs({})).toEqual([])
  })
})

describe('rates', () => {
  it('pairs today and YTD for the four rates', () => {
    const pairs = ratePairs(snap.windows)
    expect(pairs.map((p) => p.key)).toEqual(['completionRate', 'onTimeRate', 'satisfactionRate', 'timelySignRate'])
    expect(pairs[0]).toEqual({ key: 'completionRate', today: 0.812, ytd: 0.98, n: 527, few: false })
  })
  it('shows a rate over fewer than 30 cases as 样本不足, without a value', () => {
    const today = { ...snap.windows.today, completionRate: 1, n: { ...snap.windows.today.n, completionRate: 1 } }
    expect(ratePairs({ ...snap.windows, today })[0]).toEqual({ key: 'completionRate', today: null, ytd: 0.98, n: 1, few: true })
  })
  it('draws two rings per rate, today outside, no arc for null', () => {
    const rings = rateRings([{ key: 'completionRate', today: null, ytd: 0.5, n: 0, few: true }], 400, 200)
    expect(rings.map((r) => r.id)).toEqual(['completionRate-today', 'completionRate-ytd'])
    expect(rings[0].r).toBeGreaterThan(rings[1].r)
    expect(rings[0].visible).toBe(false)
    expect(rings[1].visible).toBe(true)
    expect(rings[0].cx).toBe(50)
  })
  it('draws an arc as long as the rate', () => {
    const c = 2 * Math.PI * 10
    expect(ringDash(0.5, 10)).toBe(`${(c / 2).toFixed(2)} ${c.toFixed(2)}`)
    expect(ringDash(1.2, 10)).toBe(`${c.toFixed(2)} ${c.toFixed(2)}`)
    expect(ringDash(null, 10)).toBe(`0.00 ${c.toFixed(2)}`)
  })
  it('sizes rings to fit four side by side', () => {
    expect(ringRadius(500, 236)).toBeLessThanOrEqual(500 / 8)
    expect(ringRadius(2000, 200)).toBe(60)
  })
})

describe('region map', () => {
  it('colours children by the chosen measure', () => {
    const c = snap.children[0]
    expect(measureValue(c, 'volume')).toBe(120)
    expect(measureValue(c, 'overdue')).toBe(5)
    expect(measureValue({ ...c, completionRate: 0.8123 }, 'completion')).toBe(81.2)
    expect(measureValue({ ...c, completionRate: null }, 'completion')).toBeNull()
    const fills = mapFills(snap.children, 'volume')
    expect([...fills.keys()]).toEqual(snap.children.map((c) => c.code))
    // The busiest child takes the ramp's last stop; a child with no value the no-value fill.
    const busiest = snap.children.reduce((a, b) => (b.acceptedToday > a.acceptedToday ? b : a))
    expect(fills.get(busiest.code)).toBe(measureRamp('volume').at(-1))
    const noRate = mapFills(snap.children.map((x, i) => (i === 0 ? { ...x, completionRate: null } : x)), 'completion')
    expect(noRate.get(snap.children[0].code)).toBe(MAP_NO_VALUE)
  })
  it('interpolates the ramp between its stops', () => {
    expect(rampColour(['#000000', '#ffffff'], 0)).toBe('#000000')
    expect(rampColour(['#000000', '#ffffff'], 1)).toBe('#ffffff')
    expect(rampColour(['#000000', '#ff0000', '#ffffff'], 0.5)).toBe('#ff0000')
    expect(rampColour(['#000000', '#ff0000', '#ffffff'], 0.75)).toBe('#ff8080')
    expect(rampColour(['#000000', '#ffffff'], 7)).toBe('#ffffff')
  })
  it('changes a fill only when a child changes colour step', () => {
    const base = mapFills(snap.children, 'volume')
    const plusOne = snap.children.map((c, i) => (i === 3 ? { ...c, acceptedToday: c.acceptedToday + 1 } : c))
    expect(mapFills(plusOne, 'volume')).toEqual(base)
    const doubled = snap.children.map((c, i) => (i === 3 ? { ...c, acceptedToday: c.acceptedToday * 2 } : c))
    expect(mapFills(doubled, 'volume').get(snap.children[3].code)).not.toBe(base.get(snap.children[3].code))
  })
  it('bounds the pulses, keeping the newest', () => {
    const centers = new Map<string, [number, number]>([['210302', [123, 41]]])
    const ps = pulsesFor(Array.from({ length: 100 }, (_, i) => tickerItem(i)), centers)
    expect(ps).toHaveLength(MAX_PULSES)
    expect(ps.at(-1)?.id).toBe('R99')
  })
  it('ripples only the newest pulses, the rest stay as dots', () => {
    const on = Array.from({ length: MAX_PULSES }, (_, i) => ripples(i, MAX_PULSES))
    expect(on.filter(Boolean)).toHaveLength(MAX_RIPPLES)
    expect(on.at(-1)).toBe(true)
    expect(on[0]).toBe(false)
    expect(ripples(0, 3)).toBe(true)
  })
  it('pulses at the request location, else at its child centre', () => {
    const centers = new Map<string, [number, number]>([['210302', [123, 41]]])
    const ps = pulsesFor([tickerItem(1), tickerItem(2, { location: [123.5, 41.5] }), tickerItem(3, { region: '210399001001' })], centers)
    expect(ps.map((p) => p.coord)).toEqual([[123, 41], [123.5, 41.5]])
    expect(ps.map((p) => p.child)).toEqual(['210302', '210302'])
  })
})

describe('theme', () => {
  it('keeps chart labels legible', () => expect(MIN_FONT).toBeGreaterThanOrEqual(14))
})
