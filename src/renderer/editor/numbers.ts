// Generated heading numbers as a tiny external store, so that only headings whose number changed re-render.
import { headingNumbers } from '../../core/model/numbering';
import type { Block } from '../../core/model/types';

export class NumberStore {
  /** Number of each top-level block by index (null for non-headings). */
  byIndex: (string | null)[] = [];
  private byBlock = new WeakMap<Block, string>();
  private listeners = new Set<() => void>();

  /** O(n) over the block array, no text is read; cheap enough to run after every content change. */
  recompute(blocks: readonly Block[]): void {
    const nums = headingNumbers(blocks);
    const map = new WeakMap<Block, string>();
    for (let i = 0; i < blocks.length; i++) {
      const n = nums[i];
      if (n) map.set(blocks[i], n);
    }
    this.byIndex = nums;
    this.byBlock = map;
  }

  /**
   * After text-only edits the numbers are unchanged, but the edited blocks are new objects:
   * carry their numbers over without walking the whole document.
   */
  retarget(blocks: readonly Block[], indices: Iterable<number>): void {
    for (const i of indices) {
      const n = this.byIndex[i];
      if (n && blocks[i]) this.byBlock.set(blocks[i], n);
    }
  }

  get(block: Block): string | undefined {
    return this.byBlock.get(block);
  }

  notify(): void {
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}
