// A small synthetic library folder for the folder-library check (runs without ../shared): documents made of
// stock phrases shared by many of them (套话), one near-duplicate pair, a .txt with page numbers the cleaner
// removes (source offsets then map back into the raw text), traditional characters and full-width forms;
// and a draft that copies edited passages from several of them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../bench/corpus';

const PHRASES = [
  '坚持以人民为中心的发展思想', '深入贯彻落实新发展理念', '推动经济高质量发展', '统筹发展和安全', '全面深化改革开放',
  '加快构建新发展格局', '切实保障和改善民生', '持续优化营商环境', '扎实推进乡村振兴', '着力稳定宏观经济大盘',
  '完善基层治理体系', '加强生态环境保护', '提升公共服务水平', '巩固拓展脱贫攻坚成果', '推进科技自立自强',
  '深化国有企业改革', '促进区域协调发展', '守住不发生系统性风险的底线', '健全社会保障体系', '弘扬社会主义核心价值观',
];
const CHARS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车';

/** Writes the fixture library into `dir`; returns the draft text. */
export function writeFolderFixture(dir: string): string {
  const rnd = mulberry32(2026);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const sentence = () => {
    let s = '';
    for (let i = 0, n = 2 + Math.floor(rnd() * 3); i < n; i++) {
      s += rnd() < 0.5 ? pick(PHRASES) : Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick([...CHARS])).join('');
      s += i === n - 1 ? '。' : '，';
    }
    return s;
  };
  const doc = (paras: number) => Array.from({ length: paras }, () => Array.from({ length: 3 + Math.floor(rnd() * 3) }, sentence).join('')).join('\n');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  const docs: string[] = [];
  for (let f = 0; f < 3; f++) {
    const rows: string[] = [];
    for (let d = 0; d < 12; d++) {
      const text = doc(4 + Math.floor(rnd() * 4));
      docs.push(text);
      rows.push(JSON.stringify({ title: `第${f + 1}批讲话稿${d + 1}`, content: text }));
    }
    // a near-duplicate of the first document of the batch: its first 90 %
    const first = docs[docs.length - 12];
    rows.push(JSON.stringify({ title: `第${f + 1}批讲话稿1（节选）`, content: first.slice(0, Math.floor(first.length * 0.9)) }));
    writeFileSync(path.join(dir, `batch${f + 1}.jsonl`), rows.join('\n') + '\n');
  }
  // a .txt with page numbers between paragraphs, full-width digits and traditional characters
  const txt = doc(6);
  docs.push(txt);
  const lines = txt.split('\n');
  const raw = lines.map((l, i) => `${l}\n- ${i + 1} -`).join('\n').replace(/发展/g, '發展').replace(/2/g, '２');
  writeFileSync(path.join(dir, 'sub', '市长讲话.txt'), `市长在全市工作会议上的讲话\n${raw}\n`);
  // the draft: own sentences with edited copies of passages (of the .txt and of a document with a near-duplicate among them)
  const paras: string[] = [];
  for (let p = 0; p < 16; p++) {
    if (p % 2 === 1) {
      const src = p === 15 ? txt : p === 3 ? docs[0] : docs[Math.floor(rnd() * docs.length)];
      const a = Math.floor(rnd() * Math.max(1, src.length - 300));
      const arr = [...src.slice(a, a + 80 + Math.floor(rnd() * 160)).replace(/\n/g, '')];
      for (let i = 15; i < arr.length; i += 25 + Math.floor(rnd() * 20)) arr[i] = '改';
      paras.push(arr.join(''));
    } else paras.push(Array.from({ length: 3 }, sentence).join(''));
  }
  return paras.join('\n');
}
