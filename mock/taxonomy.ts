/** The simulated city's request mix: category seasons, departments and summary templates. */
import { CATEGORIES, type Category } from '../shared/categories.ts'
import type { Channel } from '../shared/events.ts'

/** Share of requests per category outside the heating season (relative weights). */
const BASE: Record<Category, number> = {
  供暖: 0,
  供水: 8,
  燃气: 3,
  供电: 4,
  物业管理: 14,
  市政设施: 9,
  环境卫生: 9,
  园林绿化: 3,
  噪音扰民: 6,
  交通出行: 6,
  房屋建设: 5,
  劳动保障: 6,
  医疗卫生: 3,
  教育: 3,
  市场监管: 6,
  治安: 2,
  民政救助: 3,
  其他: 6,
}

// Anshan heats from 1 November to 31 March; October brings trial runs, April the fee disputes.
const HEATING_BY_MONTH = [48, 40, 28, 5, 1, 0.5, 0.5, 0.5, 1, 8, 42, 50]
const SUMMER = new Set([5, 6, 7])
const SUMMER_BOOST: Partial<Record<Category, number>> = { 供水: 1.7, 园林绿化: 2.6, 噪音扰民: 1.4, 供电: 1.3, 环境卫生: 1.2 }
const WINTER = new Set([0, 1, 10, 11])
const WINTER_BOOST: Partial<Record<Category, number>> = { 燃气: 1.4, 交通出行: 1.2 }

/** Category weights for a month (0..11), in `CATEGORIES` order. */
export function categoryWeights(month: number): number[] {
  return CATEGORIES.map((c) => {
    if (c === '供暖') return HEATING_BY_MONTH[month]
    const boost = (SUMMER.has(month) ? SUMMER_BOOST[c] : WINTER.has(month) ? WINTER_BOOST[c] : 1) ?? 1
    return BASE[c] * boost
  })
}

/** Relative volume per month: winter heating complaints lift the whole load. */
export const MONTH_VOLUME = [1.15, 0.95, 1.0, 0.9, 0.9, 0.95, 1.05, 1.05, 0.9, 0.92, 1.1, 1.15]

/** Relative volume per weekday (0 = Sunday); the mean over a week is 1. */
export const WEEKDAY_VOLUME = [0.75, 1.1, 1.1, 1.1, 1.1, 1.1, 0.75]

/** Relative volume per hour of day (Shanghai): a steep start at 08:00, peaks 08–11 and 14–16, quiet nights. */
export const HOUR_VOLUME = [
  0.15, 0.1, 0.07, 0.06, 0.07, 0.15, 0.4, 1.2, 2.2, 2.5, 2.2, 1.8, 1.1, 1.4, 1.9, 2.0, 1.7, 1.2, 0.8, 0.7, 0.65, 0.5,
  0.35, 0.22,
]

/** Channel weights; `grid` only while grid workers are on shift. */
export const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['hotline', 55],
  ['app', 15],
  ['photo', 10],
  ['grid', 9],
  ['wechat', 7],
  ['web', 4],
]

/** Chance that a request of the category is urgent (紧急). */
export const URGENT_SHARE: Partial<Record<Category, number>> = { 供暖: 0.12, 燃气: 0.25, 供水: 0.1, 供电: 0.1, 治安: 0.15 }
export const DEFAULT_URGENT_SHARE = 0.03

/** Departments that handle each category (承办单位). */
export const DEPARTMENTS: Record<Category, string[]> = {
  供暖: ['市热力公司', '鞍山热电厂', '市供热管理办公室', '区住建局'],
  供水: ['市自来水公司', '区水务局'],
  燃气: ['鞍山燃气集团', '市城市管理综合执法局'],
  供电: ['国网鞍山供电公司'],
  物业管理: ['区住建局', '街道物业办', '市房产局'],
  市政设施: ['市城建局', '区城管局', '市市政工程处'],
  环境卫生: ['区城管局', '市环卫处', '市生态环境局'],
  园林绿化: ['市园林局', '区城管局'],
  噪音扰民: ['区城管局', '公安分局', '市生态环境局'],
  交通出行: ['市交通局', '市公交集团', '交警支队'],
  房屋建设: ['市住建局', '区住建局', '市自然资源局'],
  劳动保障: ['市人社局', '区人社局', '劳动监察支队'],
  医疗卫生: ['市卫健委', '市医保局'],
  教育: ['市教育局', '区教育局'],
  市场监管: ['市场监管局', '区市场监管局'],
  治安: ['公安分局', '派出所'],
  民政救助: ['市民政局', '区民政局', '街道办事处'],
  其他: ['市政府办公室', '街道办事处'],
}

/** What citizens report, per category (the first words of a summary). */
const ISSUES: Record<Category, string[]> = {
  供暖: ['家中暖气不热，室温不足16度', '暖气片漏水', '小区供暖管道爆裂，整栋楼停暖', '交了取暖费仍未供热', '楼道暖气管线冻裂'],
  供水: ['家中停水已超过一天', '自来水发黄有异味', '小区水压低，高层上不去水', '路边供水管道漏水'],
  燃气: ['楼道内有燃气异味', '燃气表故障无法充值', '燃气管道改造后未通气'],
  供电: ['小区频繁停电', '路边电线杆倾斜', '楼道灯不亮'],
  物业管理: ['物业不作为，楼道垃圾无人清理', '物业乱收费', '电梯频繁故障', '小区车位被占用'],
  市政设施: ['路面塌陷有安全隐患', '井盖缺失', '路灯不亮', '人行道砖破损'],
  环境卫生: ['垃圾箱满溢无人清运', '小区周边露天烧烤油烟大', '路边堆放建筑垃圾'],
  园林绿化: ['树木遮挡住户采光', '绿地被毁种菜', '行道树枝干断裂有危险'],
  噪音扰民: ['夜间施工噪音扰民', '广场舞音响声音过大', '楼下饭店排风扇噪音'],
  交通出行: ['公交车到站不停', '路口信号灯故障', '道路积雪未清理'],
  房屋建设: ['房屋外墙脱落', '老旧小区改造进度慢', '楼顶漏雨'],
  劳动保障: ['公司拖欠工资三个月', '社保缴费查询不到', '退休金未按时发放'],
  医疗卫生: ['医保报销手续繁琐', '诊所无证行医'],
  教育: ['学校违规补课收费', '幼儿园入园难'],
  市场监管: ['超市销售过期食品', '商家拒绝退款', '加油站计量不准'],
  治安: ['小区电动车被盗', '夜间有人聚集闹事'],
  民政救助: ['申请低保无人受理', '老人无人照顾需救助'],
  其他: ['咨询政策办理流程', '建议增设便民设施'],
}

const ASKS = ['，请相关部门尽快解决。', '，希望尽快处理。', '，多次反映未解决。', '。', '，请求协调。']

/** A Chinese summary for a request; some carry the caller's phone number (for masking). */
export function summaryFor(category: Category, place: string, rnd: () => number, channel: Channel): string {
  const issues = ISSUES[category]
  const issue = issues[Math.floor(rnd() * issues.length)]
  const ask = ASKS[Math.floor(rnd() * ASKS.length)]
  const who = channel === 'grid' ? '网格员巡查发现' : channel === 'photo' ? '市民随手拍反映' : '市民反映'
  let text = `${who}：${place}${issue}${ask}`
  if (channel !== 'grid' && rnd() < 0.15) {
    const phone = '1' + String(30 + Math.floor(rnd() * 60)) + String(Math.floor(rnd() * 1e8)).padStart(8, '0')
    text += `联系电话${phone}。`
  }
  return text.length > 200 ? text.slice(0, 200) : text
}
