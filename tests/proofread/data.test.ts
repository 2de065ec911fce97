import { describe, expect, it } from 'vitest';
import { checkConfusions, confusionList } from '../../src/core/proofread/confusions';
import { checkFormulations, formulationList } from '../../src/core/proofread/formulations';
import { CPC_REPORTS_FILE, hasShared, readCorpus, readSeed } from '../helpers/shared';

const list = confusionList();
const rights = new Set(list.map((c) => c.right));

describe('the 错别字 list', () => {
  it('has at least 3,000 entries, multi-character, each with a source, no wrong form twice', () => {
    expect(list.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(list.map((c) => c.wrong)).size).toBe(list.length);
    for (const c of list) {
      expect(c.wrong.length, c.wrong).toBeGreaterThanOrEqual(2);
      expect(c.wrong, c.wrong).not.toBe(c.right);
      expect(c.wrong.length, c.wrong).toBe(c.right.length);
      expect(['成语易错', '常见别字', '公文常见错误', '成语同音误植'], c.wrong).toContain(c.source);
      expect(/^\p{Script=Han}+$/u.test(c.wrong), c.wrong).toBe(true);
    }
  });

  it('no wrong form is itself a correct word of the list, nor inside its own right form', () => {
    for (const c of list) {
      expect(rights.has(c.wrong), c.wrong).toBe(false);
      expect(c.right.includes(c.wrong), c.wrong).toBe(false);
    }
  });

  it('correct text is never flagged: each right form alone, and all of them in one text', () => {
    const bad = [...rights].filter((r) => checkConfusions(r).length);
    expect(bad).toEqual([]);
    expect(checkConfusions([...rights].join('，'))).toEqual([]);
  });

  it('finds every wrong form in a sentence and offers its right form', () => {
    for (const c of list.slice(0, 400)) {
      const text = `我们要${c.wrong}。`;
      const f = checkConfusions(text);
      expect(f.map((x) => [x.start, x.end, x.fix]), c.wrong).toEqual([[3, 3 + c.wrong.length, c.right]]);
    }
  });

  it('渡过难关 and 度过时光 are both right; their swaps are flagged', () => {
    expect(checkConfusions('我们一起渡过难关，度过了美好的时光，度过时光。谈笑风生。')).toEqual([]);
    expect(checkConfusions('度过难关').map((f) => f.fix)).toEqual(['渡过难关']);
    expect(checkConfusions('渡过时光').map((f) => f.fix)).toEqual(['度过时光']);
  });
});

describe('the 规范提法 list', () => {
  const forms = formulationList();
  it('has at least 300 formulations, none of whose right forms is flagged', () => {
    expect(forms.length).toBeGreaterThanOrEqual(300);
    const bad = forms.filter((f) => checkFormulations(`我们要坚持${f.right}。`).length).map((f) => f.right);
    expect(bad).toEqual([]);
  });
  it('every listed variant is flagged with its right form', () => {
    for (const f of forms) {
      for (const w of f.wrong) {
        const r = checkFormulations(`我们要坚持${w}。`);
        expect(r.length, w).toBeGreaterThan(0);
      }
    }
  });
});

describe.skipIf(!hasShared)('against carefully edited texts (seed, 政府工作报告, 党代会报告)', () => {
  const texts = hasShared ? [readSeed(), ...readCorpus().map((r) => r.content), ...readCorpus(CPC_REPORTS_FILE).map((r) => r.content)].join('\n') : '';
  /** Wrong forms that do occur there, each a real slip of that text (checked by hand): the seed's 推萎/松驰, the 1958 report's 复盖. */
  const KNOWN_SLIPS = new Set(['复盖', '推萎', '松驰', '纪律松驰', '推萎扯皮']);
  it('no wrong form of the list occurs in them, except known slips of those texts', () => {
    const found = list.filter((c) => texts.includes(c.wrong) && !KNOWN_SLIPS.has(c.wrong)).map((c) => c.wrong);
    expect(found).toEqual([]);
  });
});
