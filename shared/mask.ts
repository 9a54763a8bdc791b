/** Masking of personal data in request summaries before they leave the server. */

const ID_CARD = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?(\d{7,8})(?!\d)/g
const LONG_DIGITS = /\d{7,}/g
const NAME_AFTER_LABEL = /(姓名|联系人|来电人|反映人)[:：\s]*([\u4e00-\u9fa5]{1,4})/g
const SURNAME_TITLE = /(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5])([\u4e00-\u9fa5]{1,2})(先生|女士|师傅|大爷|大妈|阿姨)/g

/** Masks phone numbers, ID-card numbers, long digit runs and names next to a label or title. */
export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, (_, a: string) => `${a}********${'****'}`)
    .replace(MOBILE, (_, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_, a: string, b: string) => `${a}-****${b.slice(-2)}`)
    .replace(LONG_DIGITS, (d) => `${d.slice(0, 2)}${'*'.repeat(d.length - 4)}${d.slice(-2)}`)
    .replace(NAME_AFTER_LABEL, (_, label: string, name: string) => `${label}：${name[0]}${'*'.repeat(name.length - 1)}`)
    .replace(SURNAME_TITLE, (_, s: string, _rest: string, title: string) => `${s}${title}`)
}
