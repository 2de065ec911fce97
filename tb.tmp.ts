import { breakTitle } from './src/core/layout/titleBreak';
const t='在全市深入学习贯彻习近平新时代中国特色社会主义思想主题教育总结会议上的讲话';
console.log(t.length);
for (const shape of ['trapezoid','diamond'] as const) console.log(shape, breakTitle(t,{maxChars:20,shape}).join(' / '));
const words = (t: string) => t.match(/../g)!;
const s = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄';
for (const shape of ['trapezoid','diamond'] as const) console.log(shape, breakTitle(s,{maxChars:20,shape, segment: words}).join(' / '), breakTitle(s+'宇宙洪荒日月',{maxChars:14,shape, segment: words}).join(' / '));
