/** The configured request taxonomy (诉求分类). Unknown categories are counted as 其他. */
export const CATEGORIES = [
  '供暖',
  '供水',
  '燃气',
  '供电',
  '物业管理',
  '市政设施',
  '环境卫生',
  '园林绿化',
  '噪音扰民',
  '交通出行',
  '房屋建设',
  '劳动保障',
  '医疗卫生',
  '教育',
  '市场监管',
  '治安',
  '民政救助',
  '其他',
] as const
export type Category = (typeof CATEGORIES)[number]
export const OTHER_CATEGORY: Category = '其他'

/** English names for `?lang=en`. */
export const CATEGORY_EN: Record<Category, string> = {
  供暖: 'Heating',
  供水: 'Water supply',
  燃气: 'Gas',
  供电: 'Electricity',
  物业管理: 'Property management',
  市政设施: 'Municipal facilities',
  环境卫生: 'Sanitation',
  园林绿化: 'Greening',
  噪音扰民: 'Noise',
  交通出行: 'Traffic',
  房屋建设: 'Housing',
  劳动保障: 'Labour',
  医疗卫生: 'Health',
  教育: 'Education',
  市场监管: 'Market regulation',
  治安: 'Public security',
  民政救助: 'Social assistance',
  其他: 'Other',
}

const KNOWN = new Set<string>(CATEGORIES)
/** Maps a reported category onto the taxonomy. */
export const normalizeCategory = (c: string): Category => (KNOWN.has(c) ? (c as Category) : OTHER_CATEGORY)
