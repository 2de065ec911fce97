import { describe, expect, it } from 'vitest';
import { FOLD_RULES_VERSION, foldRulesKey, foldTable } from '../../src/core/normalize/index';

// A fold table kept between processes is taken back by the key of the rules (foldRulesKey: the rule version
// and the data the rules read). This test stands in for the folding code: if the table changes, the version
// must change with it, and the checksum below with both.
const CHECKSUMS: Record<string, string> = {
  // `${FOLD_RULES_VERSION}/${Unicode version of the Node that built it}`
  '1/17.0': '40158206',
};

describe('the fold table and its rules key', () => {
  it('a changed table comes with a new FOLD_RULES_VERSION (else kept tables of the old rules would be used)', () => {
    const t = foldTable();
    let a = 0x811c9dc5;
    for (let i = 0; i < t.length; i++) a = Math.imul(a ^ t[i], 0x01000193);
    const want = CHECKSUMS[`${FOLD_RULES_VERSION}/${process.versions.unicode}`];
    if (want === undefined) {
      console.warn(`(no checksum recorded for Unicode ${process.versions.unicode}: the table is ${(a >>> 0).toString(16)})`);
      return;
    }
    expect((a >>> 0).toString(16), 'the fold table changed: bump FOLD_RULES_VERSION and record its checksum here').toBe(want);
  });

  it('the key is 16 hex digits, the same on every call', () => {
    expect(foldRulesKey()).toMatch(/^[0-9a-f]{16}$/);
    expect(foldRulesKey()).toBe(foldRulesKey());
  });
});
