/**
 * The wall's panels by name: the component, its smallest usable size, and how it is bound to the
 * page's state. Layouts (`wall-layouts.ts`) place panels by these names; a panel registered with
 * `extra: true` and placed by no layout fills the layouts' free slots in registry order, so a new
 * panel is added to every wall shape by one entry here.
 */
import type { Component } from 'vue'
import type { Alert } from '../../shared/alerts.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { RegionNode } from '../../shared/region-types.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import type { MapPoint } from '../charts/map-points.ts'
import type { MapScale, Measure } from '../charts/region-map.ts'
import DepartmentPanel from '../components/closed-loop/DepartmentPanel.vue'
import HotWordsPanel from '../components/closed-loop/HotWordsPanel.vue'
import StageBoardPanel from '../components/closed-loop/StageBoardPanel.vue'
import AlertsPanel from '../components/wall/AlertsPanel.vue'
import CategoryPanel from '../components/wall/CategoryPanel.vue'
import ChannelPanel from '../components/wall/ChannelPanel.vue'
import DailyTrendPanel from '../components/wall/DailyTrendPanel.vue'
import GridPanel from '../components/wall/GridPanel.vue'
import HeadlineCounters from '../components/wall/HeadlineCounters.vue'
import HourlyTrendPanel from '../components/wall/HourlyTrendPanel.vue'
import LiveHeader from '../components/wall/LiveHeader.vue'
import RankingPanel from '../components/wall/RankingPanel.vue'
import RatesPanel from '../components/wall/RatesPanel.vue'
import RegionMapPanel from '../components/wall/RegionMapPanel.vue'
import TickerPanel from '../components/wall/TickerPanel.vue'
import type { Translator } from '../i18n/translate.ts'

/** What a panel can be bound to: the page's state and its actions. */
export interface WallContext {
  region: string
  snapshot: Snapshot | null
  ticker: TickerItem[]
  alerts: Alert[]
  tr: Translator
  title: string
  path: RegionNode[]
  current: { code: string; name: string } | null
  measure: Measure
  scale: MapScale
  /** The map's point layer: located requests (empty when off). */
  points: MapPoint[]
  canGoUp: boolean
  /** Go to a region (breadcrumb), drill into a child (map, ranking), one level up. */
  go: (code: string) => void
  drill: (code: string) => void
  up: () => void
  setMeasure: (m: Measure) => void
}

/** One registered panel. */
export interface PanelEntry {
  component: Component
  /** Smallest size it is laid out at, design px (the layout test checks every layout against it). */
  min: { width: number; height: number }
  /** Its props and listeners for the page's state. */
  bind: (ctx: WallContext) => Record<string, unknown>
  /** Fills free layout slots when no layout places it by name. */
  extra?: boolean
}

const data = (ctx: WallContext) => ({ snapshot: ctx.snapshot, tr: ctx.tr })

/** The panels, by the name layouts and `data-panel` use. */
export const PANELS: Record<string, PanelEntry> = {
  header: {
    component: LiveHeader,
    min: { width: 1000, height: 88 },
    bind: (ctx) => ({ title: ctx.title, path: ctx.path, current: ctx.current, tr: ctx.tr, onGo: ctx.go }),
  },
  counters: { component: HeadlineCounters, min: { width: 820, height: 150 }, bind: data },
  rates: { component: RatesPanel, min: { width: 440, height: 280 }, bind: data },
  hourly: { component: HourlyTrendPanel, min: { width: 440, height: 170 }, bind: data },
  category: { component: CategoryPanel, min: { width: 440, height: 300 }, bind: data },
  map: {
    component: RegionMapPanel,
    min: { width: 600, height: 340 },
    bind: (ctx) => ({
      region: ctx.region,
      regionName: ctx.current?.name ?? '',
      items: ctx.snapshot?.children ?? [],
      ticker: ctx.ticker,
      measure: ctx.measure,
      scale: ctx.scale,
      points: ctx.points,
      canGoUp: ctx.canGoUp,
      tr: ctx.tr,
      onSelect: ctx.drill,
      onMeasure: ctx.setMeasure,
      onUp: ctx.up,
    }),
  },
  daily: { component: DailyTrendPanel, min: { width: 440, height: 240 }, bind: data },
  channel: { component: ChannelPanel, min: { width: 300, height: 260 }, bind: data },
  grid: { component: GridPanel, min: { width: 440, height: 172 }, bind: data },
  ranking: {
    component: RankingPanel,
    min: { width: 440, height: 180 },
    bind: (ctx) => ({ items: ctx.snapshot?.children ?? [], measure: ctx.measure, tr: ctx.tr, onSelect: ctx.drill }),
  },
  ticker: { component: TickerPanel, min: { width: 440, height: 170 }, bind: (ctx) => ({ items: ctx.ticker, tr: ctx.tr }) },
  alerts: { component: AlertsPanel, min: { width: 440, height: 120 }, bind: (ctx) => ({ items: ctx.alerts, tr: ctx.tr }) },
  // The closed loop (承办单位, 工单阶段, 诉求热词): named by every layout.
  departments: { component: DepartmentPanel, min: { width: 440, height: 220 }, bind: data },
  stages: { component: StageBoardPanel, min: { width: 440, height: 130 }, bind: data },
  words: { component: HotWordsPanel, min: { width: 440, height: 130 }, bind: data },
}

/** Whether a name is a registered panel. */
export const isPanel = (name: string): boolean => Object.hasOwn(PANELS, name)

/** The registered extra panels, in registry order, that no layout names (the slots' fillers). */
export const extraPanels = (): string[] => Object.entries(PANELS).filter(([, e]) => e.extra).map(([n]) => n)
