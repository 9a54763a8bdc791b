import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { briefingText } from '../briefing/briefing-i18n.ts'
import { loopText } from './closed-loop.ts'
import { createTranslator, dictionaryText, parseLang } from './translate.ts'
import { zhCN } from './zh-CN.ts'

describe('translator', () => {
  it('is Chinese first, English on ?lang=en', () => {
    expect(parseLang(undefined)).toBe('zh-CN')
    expect(parseLang('fr')).toBe('zh-CN')
    expect(parseLang('en')).toBe('en')
  })
  it('fills placeholders', () => {
    expect(createTranslator('zh-CN').t('ago', { age: '5分' })).toBe('5分前')
    expect(createTranslator('en').t('ago', { age: '5m' })).toBe('5m ago')
  })
  it('translates categories only in English', () => {
    expect(createTranslator('en').category('供暖')).toBe('Heating')
    expect(createTranslator('zh-CN').category('供暖')).toBe('供暖')
    expect(createTranslator('en').category('未知')).toBe('未知')
  })
  it('is one translator for every text domain: the wall, the closed loop and the briefing', () => {
    const t = dictionaryText({ zh: { n: '{n}件', x: '甲' }, en: { n: '{n} items', x: 'A' } }, 'en')
    expect(t('n', { n: 3 })).toBe('3 items')
    expect(t('x')).toBe('A')
    expect(loopText('zh-CN')('items', { n: 4 })).toBe('4件')
    expect(briefingText('zh-CN').t('hours', { n: 5 })).toBe('5小时')
    expect(briefingText('en').t('hours', { n: 5 })).toBe('5 h')
    expect(briefingText('en').category('供暖')).toBe(createTranslator('en').category('供暖'))
  })
  it('has every key in both dictionaries, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
    expect(Object.values(en).every((v) => v.length > 0)).toBe(true)
  })
})
