import type { HandlersOf } from '../../contract/define';
import type { versionsContract } from '../../contract/versions';
import type { ServiceContext } from '../context';
import { compareSides, resolveCompareSource } from './compareSources';

export function versionHandlers(ctx: ServiceContext): HandlersOf<typeof versionsContract> {
  const { versions } = ctx;
  return {
    'versions.list': ({ draftId }) => versions.list(draftId),
    'versions.save': ({ draftId, label, doc, baseRevision }) => versions.save(draftId, label, { reason: 'manual', doc, baseRevision }),
    'versions.get': ({ draftId, versionId }) => versions.get(draftId, versionId),
    'versions.restore': ({ draftId, versionId, baseRevision }) => versions.restore(draftId, versionId, baseRevision),
    'compare.run': async ({ left, right, minChars }) => {
      const [l, r] = await Promise.all([resolveCompareSource(ctx, left), resolveCompareSource(ctx, right)]);
      return compareSides(l, r, minChars ?? (await ctx.settings.get()).reuseMinChars ?? 13);
    },
  };
}
