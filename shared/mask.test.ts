import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasLongDigitRun, maskPersonalData } from './mask.ts'

/** [shape, input, masked]: every shape of personal data a summary has carried or a privacy review names. */
const SHAPES: [string, string, string][] = [
  ['mobile', '来电人13912345678反映', '来电人139****5678反映'],
  ['mobile with +86 and dashes', '电话：+86 139-1234-5678', '电话：139****5678'],
  ['mobile in full-width digits', '联系电话１３９１２３４５６７８', '联系电话139****5678'],
  ['mobile with dots', '电话139.1234.5678', '电话139****5678'],
  ['mobile spaced 4-3-4', '电话1391 234 5678', '电话139****5678'],
  ['mobile one digit at a time', '电话1 3 9 1 2 3 4 5 6 7 8', '电话139****5678'],
  ['mobile in Chinese numerals', '电话一三九一二三四五六七八', '电话139****5678'],
  ['mobile in Chinese numerals with 幺, spaced', '电话幺三九 一二三四 五六七八', '电话139****5678'],
  ['mobile with ideographic spaces', '电话139\u30001234\u30005678', '电话139****5678'],
  ['mobile with 86 prefix', '电话8613912345678', '电话139****5678'],
  ['two mobiles', '电话13912345678，13812345678', '电话139****5678，138****5678'],
  ['landline with dash', '座机0412-5551234', '座机0412-****34'],
  ['landline spaced', '座机0412 1234 567', '座机0412-****67'],
  ['landline with full-width dash', '座机0412－5551234', '座机0412-****34'],
  ['landline of a 3-digit area code', '电话024-12345678', '电话024-****78'],
  ['local number without area code', '本地电话5551234', '本地电话55***34'],
  ['ID card, 18 digits', '身份证210302199001011234', '身份证210302************'],
  ['ID card ending in X', '身份证21030219900101123X。', '身份证210302************。'],
  ['ID card ending in lower-case x', '身份证21030219900101123x', '身份证210302************'],
  ['ID card in full-width', '身份证２１０３０２１９９００１０１１２３Ｘ', '身份证210302************'],
  ['ID card spaced 6-8-4', '身份证210302 19800101 123X', '身份证210302************'],
  ['ID card with dashes', '身份证 210302-1980-0101-123x', '身份证 210302************'],
  ['ID card, 15 digits', '老身份证210302800101123', '老身份证210302*********'],
  ['bank card spaced', '银行卡6222 0212 3456 7890', '银行卡6222********7890'],
  ['bank card, 19 digits', '卡号6222021234567890123', '卡号6222***********0123'],
  ['bank card with dashes', '卡号 6222-0212-3456-7890', '卡号 6222********7890'],
  ['e-mail', '邮箱zhangsan@example.com', '邮箱z***@example.com'],
  ['e-mail with dots and plus', '邮箱 zhang.san+1@mail.qq.com 收', '邮箱 z***@mail.qq.com 收'],
  ['e-mail in full-width', '邮箱１２３４５６＠ｑｑ．ｃｏｍ', '邮箱1***@qq.com'],
  ['e-mail spaced', '邮箱 li_si @ 163 . com', '邮箱 l***@163.com'],
  ['QQ number', 'QQ：12345678', 'QQ：******'],
  ['short QQ number', 'qq号 987654', 'qq号 ******'],
  ['QQ as 扣扣', '扣扣 1234567890', '扣扣 ******'],
  ['WeChat id', '微信：wxid_abc123', '微信：******'],
  ['WeChat id after 微信号', '微信号zhangsan_88', '微信号******'],
  ['WeChat as vx', 'vx: lisi2024', 'vx: ******'],
  ['WeChat in English', 'WeChat: ws-8899', 'WeChat: ******'],
  ['passport after a cue', '护照号E12345678', '护照号******'],
  ['passport without a cue', '持G87654321护照', '持G********护照'],
  ['travel permit', '港澳通行证C12345678', '港澳通行证******'],
  ['car plate', '车牌辽C12345', '车牌辽C*****'],
  ['car plate with a dot', '辽C·12345占用消防通道', '辽C*****占用消防通道'],
  ['new-energy plate', '辽CD12345新能源车', '辽C*****新能源车'],
  ['lower-case plate', '辽c12345', '辽C*****'],
  ['house number: road, number, unit, room', '胜利路12号3单元402室', '胜利路*号*单元*室'],
  ['house number: block, unit, bare room', '5栋2单元301', '*栋*单元*'],
  ['house number: building, 门, room', '3号楼2门501漏水', '*号楼*门*漏水'],
  ['building in an estate', '幸福小区8号楼', '幸福小区*号楼'],
  ['building-unit-room with dashes', '12-3-402室楼上漏水', '*-*-***室楼上漏水'],
  ['tower and flat', '住在A座1203', '住在*座*'],
  ['unit and floor in Chinese numerals', '二单元三楼', '*单元*楼'],
  ['unit in Chinese numerals and a room', '三单元402', '*单元*'],
  ['floor', '家住6层', '家住*层'],
  ['compound number', '园林路3号院', '园林路*号院'],
  ['name after 我叫', '我叫张三，电话', '我叫张某，电话'],
  ['name after 我是', '我是李四，住在', '我是李某，住在'],
  ['name after 本人', '本人刘洋反映', '本人刘某反映'],
  ['name after 姓名', '姓名：王小明，住址', '姓名：王某，住址'],
  ['name after 联系人', '联系人：赵六', '联系人：赵某'],
  ['name after 业主', '业主张伟称', '业主张某称'],
  ['bare name opening a summary', '张三反映楼道灯不亮', '张某反映楼道灯不亮'],
  ['bare name opening a sentence', '暖气不热。李建军来电称', '暖气不热。李某来电称'],
  ['compound surname', '欧阳娜娜女士来电', '欧阳女士来电'],
  ['full name and salutation', '李建国先生反映暖气不热', '李先生反映暖气不热'],
  ['surname and salutation stay', '王先生反映', '王先生反映'],
  ['master worker', '物业张师傅不修', '物业张师傅不修'],
  ['name already anonymised', '市民王某某来电', '市民王某某来电'],
  ['long work-order number', '工单号20261122000123', '工单号20**********23'],
  // What stays readable: places, dates, small numbers, everyday words.
  ['community and street', '鞍山市铁东区胜利街道园林社区', '鞍山市铁东区胜利街道园林社区'],
  ['crossroads', '胜利北路与五一路交叉口', '胜利北路与五一路交叉口'],
  ['date with 号', '3月1号停水', '3月1号停水'],
  ['metro line', '地铁1号线', '地铁1号线'],
  ['amount', '交了1,200元', '交了1,200元'],
  ['temperature', '室内温度16度', '室内温度16度'],
  ['door and stairwell words', '小区门口楼道灯不亮，楼下饭店', '小区门口楼道灯不亮，楼下饭店'],
  ['a cue without a name', '我是业主，家里停水', '我是业主，家里停水'],
  ['a cue then a verb', '市民反映：胜利街道', '市民反映：胜利街道'],
  ['hotline numbers', '拨打12345和8890热线', '拨打12345和8890热线'],
  ['place names with a Chinese-numbered unit', '七号街社区、三楼社区、九门村、五号院社区、三座店', '七号街社区、三楼社区、九门村、五号院社区、三座店'],
  ['full-width letters in a name with nothing to mask', '幸福ｅ家社区', '幸福ｅ家社区'],
]

describe('maskPersonalData', () => {
  it('has at least 60 shapes', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(60)
  })

  it.each(SHAPES)('%s: %s → %s', (_shape, input, masked) => {
    expect(maskPersonalData(input)).toBe(masked)
  })

  it.each(SHAPES)('%s: masking twice changes nothing', (_shape, input) => {
    const once = maskPersonalData(input)
    expect(maskPersonalData(once)).toBe(once)
  })

  it('masks what the simulator writes', () => {
    expect(maskPersonalData('市民反映：园林社区家中暖气不热，室温不足16度，请相关部门尽快解决。联系电话13045678901。')).toBe(
      '市民反映：园林社区家中暖气不热，室温不足16度，请相关部门尽快解决。联系电话130****8901。',
    )
  })
})

// Digit-like characters as people write them, and what they put between digits.
const DIGITS = [...'0123456789', ...'０１２３４５６７８９', ...'零一二三四五六七八九幺']
const SEPARATORS = [' ', '-', '.', '·', '_', '/', '(', ')', '（', '）', ',', '\u3000', '－', '．', '+']
const TEXT = [...'暖气不热停水反映小区楼道灯胜利街道社区路口请尽快处理电话号码：，。！', ' ', 'a', 'Z']

const digitLike = fc
  .array(fc.tuple(fc.constantFrom(...DIGITS), fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 3 })), { minLength: 7, maxLength: 22 })
  .map((parts) => parts.map(([d, seps], i) => (i ? seps.join('') : '') + d).join(''))
const text = fc.array(fc.constantFrom(...TEXT), { maxLength: 12 }).map((cs) => cs.join(''))

describe('masking property', () => {
  it('leaves no digit-like run of 7 or more digits, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, digitLike), { minLength: 1, maxLength: 4 }), text, (parts, tail) => {
        const input = parts.map(([t, d]) => t + d).join('') + tail
        expect(hasLongDigitRun(input)).toBe(true)
        const masked = maskPersonalData(input)
        expect(hasLongDigitRun(masked), `${input} → ${masked}`).toBe(false)
        expect(maskPersonalData(masked)).toBe(masked)
      }),
      { numRuns: 2000 },
    )
  })

  it('leaves no 7 consecutive ASCII digits in any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...DIGITS, ...SEPARATORS, ...TEXT, '号', '栋', '@', 'x'), maxLength: 120 }), (input) => {
        expect(maskPersonalData(input).replace(/[^0-9]+/g, (s) => (/^[\s\-.·_/()（）,+]{1,3}$/.test(s) ? '' : '|'))).not.toMatch(/\d{7}/)
      }),
      { numRuns: 2000 },
    )
  })

  it('has no catastrophic backtracking on pathological summaries of 400 UTF-16 units', () => {
    for (const text of ['a@' + 'b.'.repeat(199) + '!', 'x@' + 'a-'.repeat(199), '1 -'.repeat(133), '我是'.repeat(200), '1号'.repeat(200), '王'.repeat(396) + '先生']) {
      const started = performance.now()
      maskPersonalData(text)
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(25)
    }
  })

  it('masks a summary of 200 characters well within a millisecond', () => {
    const summary = '市民反映：胜利路12号3单元402室暖气不热，联系人王小明，电话139 1234 5678，邮箱a@b.cn，车牌辽C12345。'.repeat(4).slice(0, 200)
    const started = performance.now()
    for (let i = 0; i < 1000; i++) maskPersonalData(summary)
    expect((performance.now() - started) / 1000).toBeLessThan(1)
  })
})
