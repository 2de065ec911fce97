import { describe, expect, it } from 'vitest';
import { SketchIndex, sketchOf } from '../../src/core/reuse/nearDup';
import { GOV_REPORTS_FILE, MINI_REPORTS_FILE, hasShared, readCorpus } from '../helpers/shared';

// On the small committed reports (a ~700-character report, its first 400 characters) and on the corpus.
describe.each([
  { name: 'synthetic reports', file: MINI_REPORTS_FILE, head: [400, 350], skip: false },
  { name: '政府工作报告 corpus', file: GOV_REPORTS_FILE, head: [6000, 5000], skip: !hasShared },
])('near-duplicate groups by sampled fingerprints ($name)', ({ file, head, skip }) => {
  const gov = skip ? [] : readCorpus(file).filter((r) => r.year);
  const doc = (id: string, text: string) => ({ id, length: text.length, sketch: sketchOf(text) });

  it.skipIf(skip)('groups a truncated copy with its original (also with changed punctuation), not different years', () => {
    const [a, b, c] = gov;
    const docs = [
      doc('a', a.content),
      doc('a-head', a.content.slice(0, head[0]).replace(/，/g, ',')),
      doc('b', b.content),
      doc('c', c.content),
    ];
    const idx = new SketchIndex(docs);
    const groups = idx.groups();
    expect(groups).toHaveLength(1);
    expect(groups[0].ids).toEqual(['a', 'a-head']);
    expect(groups[0].representative).toBe('a');
    expect(groups[0].similarity).toBeGreaterThan(0.9);
  });

  it.skipIf(skip)('with ids: the groups containing them, with members outside the ids; identical copies linked', () => {
    const [a, b] = gov;
    const idx = new SketchIndex([doc('a', a.content), doc('a2', a.content), doc('a-head', a.content.slice(0, head[1])), doc('b', b.content)]);
    const g = idx.groups({ ids: ['a-head'] });
    expect(g).toHaveLength(1);
    expect(g[0].ids.sort()).toEqual(['a', 'a-head', 'a2']);
    expect(idx.groups({ ids: ['b'] })).toEqual([]);
  });

  it.skipIf(file !== MINI_REPORTS_FILE)('ignores texts too short to judge (data-free, once)', () => {
    const idx = new SketchIndex([doc('x', '同志们：今天开会。'), doc('y', '同志们：今天开会。')]);
    expect(idx.groups()).toEqual([]);
  });
});
