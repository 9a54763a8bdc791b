import { pinyin } from 'pinyin-pro'
import { describe, expect, it } from 'vitest'
import type { Alert } from '../../shared/alerts.ts'
import { alertText } from './alert-text.ts'
import { regionNameEn, type ToPinyin } from './region-names.ts'
import { createTranslator } from './translate.ts'

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
  it('writes an alert fully in English', () => {
    const a: Alert = { id: 's', kind: 'surge', region: '210302', regionName: '铁东区', at: 0, category: '供暖', message: '铁东区近1小时供暖类诉求9件', messageEn: '铁东区: 9 供暖 requests in the last hour, above the threshold of 5' }
    expect(alertText(a, createTranslator('en', toPinyin))).toBe('Tiedong District: 9 Heating requests in the last hour, above the threshold of 5')
    expect(alertText(a, createTranslator('zh-CN'))).toBe(a.message)
  })
})
