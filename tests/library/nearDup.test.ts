import { describe, expect, it } from 'vitest';
import { SketchIndex, sketchOf } from '../../src/core/reuse/nearDup';
import { GOV_REPORTS_FILE, hasShared, readCorpus } from '../helpers/shared';

describe.skipIf(!hasShared)('near-duplicate groups by sampled fingerprints', () => {
  const gov = hasShared ? readCorpus(GOV_REPORTS_FILE).filter((r) => r.year) : [];
  const doc = (id: string, text: string) => ({ id, length: text.length, sketch: sketchOf(text) });

  it('groups a truncated copy with its original (also with changed punctuation), not different years', () => {
    const [a, b, c] = gov;
    const docs = [
      doc('a', a.content),
      doc('a-head', a.content.slice(0, 6000).replace(/，/g, ',')),
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

  it('with ids: the groups containing them, with members outside the ids; identical copies linked', () => {
    const [a, b] = gov;
    const idx = new SketchIndex([doc('a', a.content), doc('a2', a.content), doc('a-head', a.content.slice(0, 5000)), doc('b', b.content)]);
    const g = idx.groups({ ids: ['a-head'] });
    expect(g).toHaveLength(1);
    expect(g[0].ids.sort()).toEqual(['a', 'a-head', 'a2']);
    expect(idx.groups({ ids: ['b'] })).toEqual([]);
  });

  it('ignores texts too short to judge', () => {
    const idx = new SketchIndex([doc('x', '同志们：今天开会。'), doc('y', '同志们：今天开会。')]);
    expect(idx.groups()).toEqual([]);
  });
});
