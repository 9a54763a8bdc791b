import { pinyin } from 'pinyin-pro'
import { describe, expect, it } from 'vitest'
import type { Alert } from '../../shared/alerts.ts'
import { alertText } from '../../shared/alert-text.ts'
import { regionNameEn, type ToPinyin } from '../../shared/region-names.ts'
import { createTranslator, type Translator } from './translate.ts'

/** As the wall words an alert: in the translator's language, with its names. */
const wallText = (a: Alert, tr: Translator) => alertText(a, tr.lang, tr)

const toPinyin: ToPinyin = (t) => pinyin(t, { toneType: 'none', type: 'array', v: false })

describe('region names in English', () => {
  it('gives the proper name in pinyin and the suffix in English', () => {
    expect(regionNameEn('鞍山市', toPinyin)).toBe('Anshan')
    expect(regionNameEn('铁西区', toPinyin)).toBe('Tiexi District')
    expect(regionNameEn('岫岩满族自治县', toPinyin)).toBe('Xiuyanmanzu Autonomous County')
    expect(regionNameEn('牛庄镇', toPinyin)).toBe('Niuzhuang Town')
    expect(regionNameEn('东四方台街道', toPinyin)).toBe('Dongsifangtai Subdistrict')
    expect(regionNameEn('海城市 · 东四方台街道 · 榆台', toPinyin)).toBe('Haicheng · Dongsifangtai Subdistrict · Yutai')
    expect(regionNameEn('Anshan', toPinyin)).toBe('Anshan')
    expect(regionNameEn('台安县', toPinyin)).toBe("Tai'an County")
  })
  it('is the translator’s region name in English only', () => {
    expect(createTranslator('en', toPinyin).region('立山区')).toBe('Lishan District')
    expect(createTranslator('zh-CN', toPinyin).region('立山区')).toBe('立山区')
  })
  it('words each kind of alert from its parameters, fully in English on ?lang=en', () => {
    const where = { region: '210302', regionName: '铁东区', at: 0 }
    const surge: Alert = { id: 's', kind: 'surge', ...where, params: { place: '铁东区 · 解放街道', category: '供暖', count: 9, threshold: 5 } }
    expect(wallText(surge, createTranslator('en', toPinyin))).toBe('Tiedong District · Jiefang Subdistrict: 9 Heating requests in the last hour, above the threshold of 5')
    expect(wallText(surge, createTranslator('zh-CN'))).toBe('铁东区 · 解放街道近1小时供暖类诉求9件，超过阈值5件，疑似突发群体性诉求')
    const overdue = (department?: string): Alert => ({ id: 'u', kind: 'urgentOverdue', ...where, params: { requestId: 'GD1', category: '供暖', place: '铁东区', department } })
    expect(wallText(overdue(), createTranslator('zh-CN'))).toBe('紧急工单GD1（供暖，铁东区）已超期未办结')
    expect(wallText(overdue('热力公司'), createTranslator('zh-CN'))).toBe('紧急工单GD1（供暖，铁东区）已超期未办结，承办单位：热力公司')
    expect(wallText(overdue(), createTranslator('en', toPinyin))).toBe('Urgent request GD1 (Heating, Tiedong District) is past its deadline and still open')
    const stale = (expected?: number): Alert => ({ id: 'f', kind: 'feedStale', ...where, params: { minutes: 12, expected } })
    expect(wallText(stale(), createTranslator('zh-CN'))).toBe('数据中断：已12分钟未收到工单数据')
    expect(wallText(stale(6), createTranslator('zh-CN'))).toBe('数据中断：已12分钟未收到工单数据（近期同时段通常约6件）')
    expect(wallText(stale(6), createTranslator('en'))).toBe('Feed stale: no events ingested for 12 minutes (about 6 usual at this time)')
  })
})
