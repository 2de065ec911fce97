import type { DuplicateGroup } from '../../contract/library';
import { NEAR_DUP_MIN_CONTAINMENT, SketchIndex, sketchOf, type SketchDoc } from '../../core/reuse/nearDup';
import { sketchFromBase64 } from './nearDup';
import { textHash, type LibraryStore } from './store';

/**
 * The near-duplicate groups of the workspace library (one source per group), kept in `library/groups.json`.
 * Uses sampled fingerprints (core/reuse/nearDup.ts): about a second for a library of 50 million characters,
 * and only new documents are sketched. `onChange` is told whenever the groups changed (the checks depend on them).
 */
export class DuplicateGroups {
  /** Sampled fingerprints per library document, kept while the text is unchanged. */
  private sketches = new Map<string, { hash: string; sketch: Uint32Array }>();

  constructor(
    private readonly library: LibraryStore,
    private readonly onChange: () => void,
  ) {}

  /** Recompute the groups (after an import: only the groups of `newIds`, with all their members). */
  async refresh(newIds?: string[]): Promise<DuplicateGroup[]> {
    await this.library.load();
    const ids = this.library.ids();
    const docs: SketchDoc[] = [];
    for (const [i, id] of ids.entries()) {
      const meta = this.library.metaOf(id);
      const text = this.library.textOf(id);
      if (!meta || text === undefined) continue;
      let s = this.sketches.get(id);
      if (!s || s.hash !== meta.textHash) {
        const stored = this.library.sketchOf(id);
        s = { hash: meta.textHash, sketch: stored ? sketchFromBase64(stored) : sketchOf(text) };
        this.sketches.set(id, s);
        if (i % 200 === 199) await new Promise((r) => setImmediate(r));
      }
      docs.push({ id, length: text.length, sketch: s.sketch });
    }
    for (const id of [...this.sketches.keys()]) if (!this.library.has(id)) this.sketches.delete(id);
    const found = new SketchIndex(docs).groups({ minContainment: NEAR_DUP_MIN_CONTAINMENT, ...(newIds ? { ids: newIds } : {}) }).map((g) => {
      const members = g.ids.map((id) => ({ id, title: this.library.metaOf(id)?.label ?? id, chars: this.library.metaOf(id)?.chars ?? 0 }));
      return { id: 'G' + textHash([...g.ids].sort().join(',')).slice(0, 12), representative: g.representative, members, similarity: g.similarity };
    });
    let groups: DuplicateGroup[] = found;
    if (newIds) {
      const taken = new Set(found.flatMap((g) => g.members.map((m) => m.id)));
      const kept = this.library.getGroups().filter((g) => !g.members.some((m) => taken.has(m.id)) && g.members.every((m) => this.library.has(m.id)));
      groups = [...kept, ...found];
    }
    await this.library.setGroups(groups);
    this.onChange();
    return groups;
  }

  /** After documents were removed: drop them from their groups (no full recomputation). */
  async dropMembers(ids: string[]): Promise<DuplicateGroup[]> {
    const gone = new Set(ids);
    const groups = this.library
      .getGroups()
      .map((g) => {
        const members = g.members.filter((m) => !gone.has(m.id));
        return { ...g, members, representative: gone.has(g.representative) ? (members[0]?.id ?? g.representative) : g.representative };
      })
      .filter((g) => g.members.length > 1);
    await this.library.setGroups(groups);
    this.onChange();
    return groups;
  }
}
