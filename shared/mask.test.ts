import { describe, expect, it } from 'vitest'
import { maskPersonalData } from './mask.ts'

describe('maskPersonalData', () => {
  it.each([
    ['来电人13912345678反映', '来电人139****5678反映'],
    ['电话：+86 139-1234-5678', '电话：139****5678'],
    ['身份证210302199001011234', '身份证210302************'],
    ['身份证21030219900101123X。', '身份证210302************。'],
    ['座机0412-5551234', '座机0412-****34'],
    ['姓名：王小明，住址', '姓名：王**，住址'],
    ['李建国先生反映暖气不热', '李先生反映暖气不热'],
    ['暖气片温度只有14度', '暖气片温度只有14度'],
  ])('%s → %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked)
  })

  it('leaves no run of 7 or more digits', () => {
    const text = maskPersonalData('工单号20261122000123，联系13800001111或024-12345678')
    expect(text).not.toMatch(/\d{7,}/)
  })
})
