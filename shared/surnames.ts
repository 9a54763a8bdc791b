/** Common Chinese surnames, for spotting names after cues (我叫, 联系人, …) and before salutations. */

// The most frequent single-character surnames, less the few that are more often a place word
// (区, 楼, 门, 路, 南, 海 …): a missed rare surname leaves 先生/女士 masking and numbers untouched.
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤穆卓吉缪褚娄窦戚岑宫费卜晏卫柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘麻苑迟邝封谈匡鞠荆冀郁胥栗燕楚鄢谌奚皮粟冼蔺闻厉伊仝郜阚帅屠朴廉禹祖漆巴丰卿狄宣晋芮扈晁阙戈伏鹿薄邸雍辜裘亓邰赫杭况逯茹慕亢嵇湛宾戎勾茅呼揭尉冶檀昝幸衡尧成'

const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '长孙', '宇文', '公孙', '夏侯', '端木', '西门', '独孤', '南宫', '万俟', '闻人', '轩辕']

const singles = new Set(SINGLE)

/** Length of the surname starting at `i` in `text` (2 for a compound one), or 0. */
export function isSurnameAt(text: string, i: number): number {
  if (COMPOUND.includes(text.slice(i, i + 2))) return 2
  return singles.has(text[i]) ? 1 : 0
}
