// 校对 speed on a 30,000-character draft (paragraphs of the 政府工作报告 corpus, or the seed, or — without
// ../shared — a synthetic draft): a full check with an empty cache (a draft just opened) < 50 ms, and the
// re-check after one paragraph was edited (the live check as the writer types) < 5 ms.
import { Proofreader } from '../../src/core/proofread/index';
import { hasShared, readCorpus } from '../../tests/helpers/shared';
import { timeIt, type BenchSuite } from '../harness';

const SYNTHETIC = [
  '过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和党的二十届三中全会精神，扎实推进各项工作。',
  '全年地区生产总值增长5.2%，城镇新增就业1256万人，居民收入稳步提高，对群众反映的问题推萎扯皮的现象明显减少。',
  '我们深入推进“放管服”改革，持续优化营商环境，各类经营主体活力明显增强，纪律松驰的问题得到整治。',
];

/** Paragraphs adding up to about `chars` characters. */
function draftOf(chars: number): string[] {
  const source = hasShared ? readCorpus().slice(-12).flatMap((r) => r.content.split('\n').filter((p) => p.trim())) : SYNTHETIC;
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p = source[i % source.length] + (i >= source.length ? `（${i}）` : '');
    out.push(p);
    n += p.length + 1;
  }
  return out;
}

export const proofreadSuite: BenchSuite = {
  name: 'proofread',
  async run(ctx) {
    const paras = draftOf(30_000);
    const chars = paras.reduce((n, p) => n + p.length + 1, 0);
    new Proofreader().check(paras); // load the lists and build the automata once
    const full = await timeIt(() => void new Proofreader().check(paras), 9);
    ctx.report({ suite: 'proofread', name: `full check, ${(chars / 1000).toFixed(1)}k-char draft (${paras.length} paragraphs)`, value: full.median, unit: 'ms', target: '< 50 ms', ok: full.median < 50 });
    const reader = new Proofreader();
    reader.check(paras);
    const edited = [...paras];
    const k = Math.floor(paras.length / 2);
    let i = 0;
    const re = await timeIt(() => {
      edited[k] = `${paras[k]}再接再励${i++}。`;
      reader.check(edited);
    }, 21);
    ctx.report({ suite: 'proofread', name: 're-check after one paragraph edit (cached paragraphs)', value: re.median, unit: 'ms', target: '< 5 ms', ok: re.median < 5 });
  },
};
