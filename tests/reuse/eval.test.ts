// Fast smoke version of `npm run eval` (small sample) so that quality regressions fail CI.
import { describe, expect, it } from 'vitest';
import { runEval } from '../../eval/lib';
import { CPC_REPORTS_FILE, hasShared, readCorpus } from '../helpers/shared';

describe.skipIf(!hasShared)('reuse eval (smoke)', () => {
  it('meets the quality targets on a small sample', () => {
    const rep = runEval(readCorpus(), readCorpus(CPC_REPORTS_FILE), { years: [2019, 2024], planted: 12, seed: 7 });
    expect(rep.verbatimReal.cases).toBeGreaterThan(50);
    expect(rep.verbatimReal.recall).toBeGreaterThanOrEqual(0.99);
    expect(rep.verbatimRealIdentical.precision).toBeGreaterThanOrEqual(0.98);
    expect(rep.verbatimPlanted.recall).toBeGreaterThanOrEqual(0.99);
    expect(rep.verbatimPlanted.precision).toBeGreaterThanOrEqual(0.98);
    expect(rep.editedAll.recall).toBeGreaterThanOrEqual(0.9);
    expect(rep.editedAll.granularity).toBeLessThanOrEqual(1.1);
  }, 60_000);
});
