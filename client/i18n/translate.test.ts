import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { createTranslator, parseLang } from './translate.ts'
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
  it('has every key in both dictionaries, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
    expect(Object.values(en).every((v) => v.length > 0)).toBe(true)
  })
})
