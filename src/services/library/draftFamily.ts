// What a check needs to know of the draft it checks: its family (copies, re-imports of its exports: not
// its sources by default) and its 场合 / 对象 / date (for 高风险). Read from the draft catalogue, no disk.
import { familyOf } from '../../contract/drafts';
import { occasionOfTitle } from '../../core/library/recognize';
import type { OccasionInfo } from '../../core/reuse/risk';
import type { DraftCatalogue } from './draftCatalogue';

/** The draft and (unless `onlySelf`) the other drafts of its family: one line of copies and re-imports. */
export function familyOfDraft(drafts: DraftCatalogue, draftId: string, onlySelf = false): string[] {
  const own = drafts.get(draftId);
  if (onlySelf || !own) return [draftId];
  const fam = familyOf(own.meta);
  const ids = drafts.ids().filter((id) => {
    const m = drafts.get(id)!.meta;
    return id === draftId || familyOf(m) === fam || id === fam || m.origin?.draftId === draftId || own.meta.origin?.draftId === id;
  });
  return [draftId, ...ids.filter((id) => id !== draftId)];
}

/** The drafts of family `familyId` (a text checked on behalf of a family, e.g. an exported file's). */
export function membersOfFamily(drafts: DraftCatalogue, familyId: string): string[] {
  return drafts.ids().filter((id) => id === familyId || familyOf(drafts.get(id)!.meta) === familyId);
}

/** The drafts not to be sources of this check: the draft's family, or the family named, unless included. */
export function excludedFamily(drafts: DraftCatalogue, input: { draftId?: string; includeFamily?: boolean; familyId?: string }): string[] {
  if (input.draftId) return familyOfDraft(drafts, input.draftId, input.includeFamily === true);
  return input.familyId && !input.includeFamily ? membersOfFamily(drafts, input.familyId) : [];
}

/** 场合 / 对象 / date of the checked draft: as set, else the 场合 its title names (「在全市机关干部大会上的讲话」). */
export function occasionOfDraft(drafts: DraftCatalogue, draftId: string | undefined, text: string): OccasionInfo {
  const m = draftId ? drafts.get(draftId)?.meta : undefined;
  const title = m?.name ?? text.split('\n', 1)[0];
  const occasion = m?.occasion ?? occasionOfTitle(title) ?? occasionOfTitle(text.split('\n', 1)[0]);
  return { ...(occasion ? { occasion } : {}), ...(m?.audience ? { audience: m.audience } : {}), ...(m?.date ? { date: m.date } : {}) };
}
