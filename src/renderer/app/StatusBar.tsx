// The status bar: 字数 and 预计时长 of the draft, of the selection when there is one, and the save state.
import { useEffect, useMemo, useState } from 'react';
import { Editor, Range } from 'slate';
import { Docs } from '../../core/model/block';
import { countChars } from '../../core/model/count';
import { formatMinutes } from '../../core/layout/stats';
import type { SpeechEditor } from '../editor/types';
import { useShell, useWorkbench } from '../workbench/context';
import { PageCount } from '../docx/PageCount';

/** How long after the selection last changed its 字数 is counted (a drag selects continuously). */
const SELECTION_DELAY_MS = 120;

/** 字数 of the editor's selection (0 when collapsed), counted after the selection settles, never mid-composition. */
export function useSelectionChars(editor: SpeechEditor): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const count = () => {
      timer = null;
      if (editor.composing) return;
      const sel = editor.selection;
      setN(sel && !Range.isCollapsed(sel) ? countChars(Editor.string(editor, sel)) : 0);
    };
    const listener = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(count, SELECTION_DELAY_MS);
    };
    editor.changeListeners.add(listener);
    count();
    return () => {
      editor.changeListeners.delete(listener);
      if (timer) clearTimeout(timer);
    };
  }, [editor]);
  return n;
}

const SAVE_LABELS = { saved: '已保存', dirty: '未保存', saving: '保存中…', error: '保存失败', conflict: '保存失败（冲突）' } as const;

export function StatusBar() {
  const { doc, docVersion, settings, draft, editor } = useWorkbench();
  const selected = useSelectionChars(editor);
  const { saveStatus } = useShell();
  const chars = useMemo(() => {
    void docVersion;
    return Docs.charCount(doc);
  }, [doc, docVersion]);
  const cpm = settings.charsPerMinute || 220;
  return (
    <footer className="statusbar">
      {draft ? (
        <>
          <span data-testid="char-count">字数 {chars}</span>
          <span data-testid="duration" title={`按每分钟 ${cpm} 字估算`}>
            预计时长 {formatMinutes(chars / cpm)}
          </span>
          <PageCount />
          {selected > 0 && (
            <span data-testid="selection-count" title={`选中文字的字数和念稿时长（按每分钟 ${cpm} 字估算）`}>
              选中 {selected} 字 · 约 {formatMinutes(selected / cpm)}
            </span>
          )}
          <span className="status-spacer" />
          <span className={`save-state save-${saveStatus.state}`} data-testid="save-state" data-state={saveStatus.state} title={saveStatus.message}>
            {SAVE_LABELS[saveStatus.state]}
            {saveStatus.message && saveStatus.state !== 'saved' ? `：${saveStatus.message}` : ''}
          </span>
        </>
      ) : (
        <span>未打开文稿</span>
      )}
    </footer>
  );
}
