import type { HandlersOf } from '../../contract/define';
import type { versionsContract } from '../../contract/versions';
import { compareTexts, copiedPassages } from '../../core/compare/index';
import type { ServiceContext } from '../context';
import { resolveCompareSource } from './compareSources';

export function versionHandlers(ctx: ServiceContext): HandlersOf<typeof versionsContract> {
  const { versions } = ctx;
  return {
    'versions.list': ({ draftId }) => versions.list(draftId),
    'versions.save': ({ draftId, label, doc, baseRevision }) => versions.save(draftId, label, { reason: 'manual', doc, baseRevision }),
    'versions.get': ({ draftId, versionId }) => versions.get(draftId, versionId),
    'versions.restore': ({ draftId, versionId, baseRevision }) => versions.restore(draftId, versionId, baseRevision),
    'compare.run': async ({ left, right, minChars }) => {
      const [l, r] = await Promise.all([resolveCompareSource(ctx, left), resolveCompareSource(ctx, right)]);
      const t0 = performance.now();
      const result = compareTexts(l.text, r.text);
      const min = minChars ?? (await ctx.settings.get()).reuseMinChars ?? 13;
      const copied = copiedPassages(l.text, r.text, min);
      return { left: l, right: r, result, copied, elapsedMs: Math.round(performance.now() - t0) };
    },
  };
}
