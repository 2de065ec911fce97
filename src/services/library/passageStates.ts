import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { PassageState, PassageStateKind } from '../../contract/library';
import { markedRanges } from '../../core/reuse/marked';
import type { TextRange } from '../../core/reuse/types';
import { keepDamagedAside, writeFileAtomic } from '../workspace/atomic';
import type { DraftStore } from '../workspace/draftStore';
import { StoreLock, STORE_ID_RE } from '../workspace/keyedLock';
import { readRegularText } from '../workspace/safeRead';
import type { WorkspaceLayout } from '../workspace/layout';

/**
 * The writer's decisions on flagged passages (忽略 / 标为引用), kept per draft by the passage's text in
 * `reuse/<draftId>.json`, never in the draft.
 */
export class PassageStates {
  readonly dir: string;
  /** Per draft, also across processes: marking reads, changes and rewrites the states file; two marks must not interleave. */
  private locks: StoreLock;

  constructor(
    layout: WorkspaceLayout,
    private readonly drafts: DraftStore,
  ) {
    this.dir = path.join(layout.dir, 'reuse');
    this.locks = new StoreLock(layout.locksDir, 'states', '查重标记');
  }

  private fileOf(draftId: string): string {
    if (!STORE_ID_RE.test(draftId)) throw new ApiError('invalid-input', `无效的文稿编号：${draftId.slice(0, 80)}`);
    return path.join(this.dir, draftId + '.json');
  }

  /** The marks of a draft; a missing file has none, a file that cannot be read is `damaged`. */
  private async read(draftId: string): Promise<{ states: PassageState[]; damaged: boolean }> {
    const file = this.fileOf(draftId);
    try {
      const raw = JSON.parse(await readRegularText(file, 16 * 1048576)) as { states?: PassageState[] };
      return { states: Array.isArray(raw.states) ? raw.states.filter((s) => typeof s?.text === 'string' && (s.state === 'ignored' || s.state === 'quoted')) : [], damaged: false };
    } catch (err) {
      return { states: [], damaged: (err as NodeJS.ErrnoException).code !== 'ENOENT' };
    }
  }

  async of(draftId: string): Promise<PassageState[]> {
    return (await this.read(draftId)).states;
  }

  async set(draftId: string, text: string, sourceId: string, state: PassageStateKind | 'none'): Promise<PassageState[]> {
    await this.drafts.get(draftId); // not-found / damaged: refused with the draft store's message
    return this.locks.run(draftId, async () => {
      const read = await this.read(draftId);
      const file = this.fileOf(draftId);
      if (read.damaged) await keepDamagedAside(file);
      const cur = read.states.filter((s) => !(s.text === text && s.sourceId === sourceId));
      if (state !== 'none') cur.push({ text, sourceId, state, at: new Date().toISOString() });
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ format: 'speechdraft-reuse-states', draftId, states: cur }, null, 1) + '\n', { subject: '查重标记' });
      return cur;
    });
  }
}

/** Where the passages a writer marked are in the current text (found by their text, so edits elsewhere don't lose them). */
export function rangesOf(text: string, states: PassageState[], kind: PassageStateKind): TextRange[] {
  return markedRanges(text, states, kind).map(({ start, end }) => ({ start, end }));
}
