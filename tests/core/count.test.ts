import { describe, expect, it } from 'vitest';
import { Docs } from '../../src/core/model/block';
import { countChars } from '../../src/core/model/count';

describe('字数 (countChars, the one character count)', () => {
  it('counts what a reader sees: Chinese, punctuation, Latin letters and digits, an emoji as one', () => {
    expect(countChars('同志们：大家好！')).toBe(8);
    expect(countChars('GDP增长5.2%')).toBe(9);
    expect(countChars('👍好')).toBe(2);
  });

  it('does not count whitespace, control characters or invisible format characters', () => {
    expect(countChars(' \t\n\r\u3000\u00a0\u2002\u2028\u2029\u202f\u205f')).toBe(0);
    expect(countChars('\u0000\u0001\u0007\u001f\u007f\u0085\u009f')).toBe(0);
    expect(countChars('\u200b\u200c\u200d\u2060\ufeff')).toBe(0);
    expect(countChars('讲\u0001话\u200b稿\ufeff')).toBe(3);
  });

  it('Docs.charCount is the sum over blocks of the same count', () => {
    const doc = {
      blocks: [
        { type: 'title' as const, children: [{ text: '标题\u0007' }] },
        { type: 'paragraph' as const, children: [{ text: '正文 ' }, { text: '\u3000第二段' }] },
      ],
    };
    expect(Docs.charCount(doc)).toBe(countChars('标题\u0007') + countChars('正文 \u3000第二段'));
    expect(Docs.charCount(doc)).toBe(7);
  });
});
