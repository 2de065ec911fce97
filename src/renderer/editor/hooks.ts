// Subscriptions to the editor that re-render a component only when the selected value changes
// (the editor changes on every keystroke; panels and the toolbar must not re-render that often).
import { useCallback, useSyncExternalStore } from 'react';
import { currentBlock } from './plugin';
import type { SpeechEditor } from './types';

export function useEditorSelector<T>(editor: SpeechEditor, select: (editor: SpeechEditor) => T): T {
  const subscribe = useCallback(
    (cb: () => void) => {
      const l = () => cb();
      editor.changeListeners.add(l);
      return () => {
        editor.changeListeners.delete(l);
      };
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => select(editor));
}

/** Index of the top-level block holding the caret, or -1. */
export function useCaretBlockIndex(editor: SpeechEditor): number {
  return useEditorSelector(editor, (e) => e.selection?.anchor.path[0] ?? -1);
}

/** The kind of the block holding the caret ('paragraph', 'heading2' …), or ''. */
export function useCurrentKind(editor: SpeechEditor): string {
  return useEditorSelector(editor, (e) => {
    const cur = currentBlock(e);
    if (!cur) return '';
    return cur[0].type === 'heading' ? `heading${cur[0].level ?? 1}` : cur[0].type;
  });
}
