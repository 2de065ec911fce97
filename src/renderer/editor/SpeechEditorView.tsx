// The speech editor: Slate over the core model's blocks, generated heading numbers, guidance placeholders,
// decorations from panels (frozen while an IME composition is in progress), shortcuts.
import { memo, useCallback, useMemo, useRef, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Node, Range, Transforms, type NodeEntry } from 'slate';
import { HistoryEditor } from 'slate-history';
import { Editable, ReactEditor, Slate, useSlateStatic, type RenderChunkProps, type RenderElementProps, type RenderLeafProps } from 'slate-react';
import type { Block, HeadingLevel } from '../../core/model/types';
import type { DecorationRange } from '../workbench/context';
import { currentBlock, moveBlock, moveSection, pointInBlock, setBlockKind } from './plugin';
import { handlePaste } from './paste';
import { hideEditingHostFromReact } from './editingHost';
import { TITLE_BREAK_MARK, titleBreakRanges } from '../docx/titleBreaks';
import type { SpeechEditor } from './types';

const BlockElement = memo(function BlockElement({ attributes, children, element }: RenderElementProps) {
  const editor = useSlateStatic();
  const b = element as Block;
  const num = useSyncExternalStore(editor.numbers.subscribe, () => (b.type === 'heading' ? editor.numbers.get(b) : undefined));
  const cls = b.type === 'heading' ? `blk blk-heading blk-h${b.level ?? 1}` : `blk blk-${b.type}`;
  return (
    <div {...attributes} className={cls} data-num={num} data-block-type={b.type} data-level={b.type === 'heading' ? b.level : undefined}>
      {children}
    </div>
  );
});

const renderElement = (props: RenderElementProps) => <BlockElement {...props} />;

const renderChunk = ({ attributes, children, lowest }: RenderChunkProps) => (
  <div {...attributes} className={lowest ? 'chunk chunk-lowest' : 'chunk'}>
    {children}
  </div>
);

const DECO_PREFIX = 'deco_';
const DECO_TITLE_PREFIX = 'decotitle_';

/** Greyed hints for empty blocks without template guidance (display only, never saved). */
const DEFAULT_HINTS: Record<string, string> = {
  title: '请输入讲话标题',
  byline: '讲话人（日期）',
  salutation: '称谓，如：同志们：',
  h1: '一级标题',
  h2: '二级标题',
  h3: '三级标题',
  h4: '四级标题',
};

const renderLeaf = ({ attributes, children, leaf }: RenderLeafProps) => {
  let className: string | undefined;
  let title: string | undefined;
  let guidance: string | undefined;
  for (const key in leaf) {
    if (key.startsWith(DECO_PREFIX)) {
      const v = leaf[key] as string;
      className = className ? `${className} ${v}` : v;
    } else if (key.startsWith(DECO_TITLE_PREFIX)) {
      const v = leaf[key] as string;
      title = title ? `${title}\n${v}` : v;
    } else if (key === 'guidanceText') guidance = leaf[key] as string;
    else if (key === TITLE_BREAK_MARK) className = className ? `${className} title-break` : 'title-break';
  }
  if (guidance !== undefined) {
    return (
      <span {...attributes} className="leaf-guided">
        <span contentEditable={false} className="guidance" aria-hidden="true">
          {guidance}
        </span>
        {children}
      </span>
    );
  }
  return (
    <span {...attributes} className={className} title={title}>
      {children}
    </span>
  );
};

function syncSelectionFromDom(editor: SpeechEditor): void {
  try {
    const domSel = window.getSelection();
    if (!domSel || domSel.rangeCount === 0) return;
    const range = ReactEditor.toSlateRange(editor, domSel, { exactMatch: false, suppressThrow: true });
    if (range && (!editor.selection || !Range.equals(range, editor.selection))) Transforms.select(editor, range);
  } catch {
    // Leave Slate's own handling in charge.
  }
}

export interface SpeechEditorViewProps {
  editor: SpeechEditor;
  loadKey: number;
  initialValue: Block[];
  decorationsVersion: number;
  decorationsFor(blockIndex: number): DecorationRange[];
  composingChanged(composing: boolean): void;
}

/** Memoised: re-renders only when a draft is loaded or decorations change, never because panels updated. */
export const SpeechEditorView = memo(function SpeechEditorView(props: SpeechEditorViewProps) {
  const { editor, loadKey, initialValue, decorationsVersion, decorationsFor, composingChanged } = props;

  // A new decorate function (re-decoration) only when decorations change; never while composing.
  const decorate = useMemo(() => {
    void decorationsVersion;
    return ([node, path]: NodeEntry): Range[] => {
      if (path.length !== 1) return [];
      const block = node as Block;
      const ranges: Range[] = [];
      const text = Node.string(block);
      const hint = block.guidance || DEFAULT_HINTS[block.type === 'heading' ? `h${block.level ?? 1}` : block.type];
      if (hint && text === '' && block.children.length === 1) {
        ranges.push({ anchor: { path: [path[0], 0], offset: 0 }, focus: { path: [path[0], 0], offset: 0 }, guidanceText: hint } as Range);
      }
      ranges.push(...titleBreakRanges(block, text, (at) => pointInBlock(block, path[0], at)));
      const decos: DecorationRange[] = decorationsFor(path[0]);
      decos.forEach((d, k) => {
        const start = Math.max(0, Math.min(d.start, text.length));
        const end = Math.max(start, Math.min(d.end, text.length));
        if (end <= start) return;
        const anchor = pointInBlock(block, path[0], start);
        const focus = pointInBlock(block, path[0], end);
        // Primitive values only: Slate compares decorations shallowly, so unchanged blocks don't re-render.
        ranges.push({ anchor, focus, [`${DECO_PREFIX}${k}`]: d.className, ...(d.title ? { [`${DECO_TITLE_PREFIX}${k}`]: d.title } : {}) } as Range);
      });
      return ranges;
    };
  }, [decorationsVersion, decorationsFor]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.nativeEvent.isComposing || editor.composing) return;
      // Slate moves the caret for ←/→ itself, from its own selection, which lags the DOM's after a native
      // move (Home/End/click) by up to its selectionchange throttle: bring it up to date first.
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key;
      // (Printable characters go through beforeinput, whose target range Slate reads from the DOM.)
      if (key.length !== 1 || mod || e.altKey) syncSelectionFromDom(editor);
      if (mod && !e.altKey && /^[0-4]$/.test(key)) {
        e.preventDefault();
        if (key === '0') setBlockKind(editor, 'paragraph');
        else setBlockKind(editor, 'heading', Number(key) as HeadingLevel);
        return;
      }
      if (mod && !e.shiftKey && (key === 'z' || key === 'Z')) {
        e.preventDefault();
        HistoryEditor.undo(editor);
        return;
      }
      if (mod && (key === 'y' || key === 'Y' || (e.shiftKey && (key === 'z' || key === 'Z')))) {
        e.preventDefault();
        HistoryEditor.redo(editor);
        return;
      }
      if (key === 'Enter' && e.shiftKey && !mod && !e.altKey && currentBlock(editor)?.[0].type === 'title') {
        // A manual line break in the title (kept as "\n"; it wins over the computed title breaks).
        e.preventDefault();
        editor.insertText('\n');
        return;
      }
      if (key === 'Tab' && !mod && !e.altKey) {
        // Never let Tab leave the editor; in a heading it demotes (Shift+Tab promotes) like an outline.
        e.preventDefault();
        const cur = currentBlock(editor);
        if (cur && cur[0].type === 'heading') {
          const level = (cur[0].level ?? 1) + (e.shiftKey ? -1 : 1);
          if (level >= 1 && level <= 4) setBlockKind(editor, 'heading', level as HeadingLevel);
        }
        return;
      }
      if (e.altKey && !mod && (key === 'ArrowUp' || key === 'ArrowDown')) {
        e.preventDefault();
        const dir = key === 'ArrowUp' ? -1 : 1;
        if (e.shiftKey) moveSection(editor, dir);
        else moveBlock(editor, dir);
        return;
      }
    },
    [editor],
  );

  const onCompositionStart = useCallback(() => {
    // Slate syncs its selection from the DOM on a throttled selectionchange; a composition that starts right
    // after the caret was moved (click, arrow keys) would otherwise commit at the stale position.
    syncSelectionFromDom(editor);
    editor.composing = true;
    document.body.classList.add('ime-composing');
  }, [editor]);
  const onCompositionEnd = useCallback(() => {
    editor.composing = false;
    document.body.classList.remove('ime-composing');
    composingChanged(false);
  }, [editor, composingChanged]);

  // Clipboard HTML or several lines: recognised blocks, one undo step; a fragment as plain text (paste.ts).
  const onPaste = useCallback((e: ClipboardEvent) => {
    if (handlePaste(editor, e.clipboardData)) e.preventDefault();
  }, [editor]);

  // A composition cut short (focus lost, window switched) may never send compositionend.
  const onBlur = useCallback(() => {
    if (editor.composing) onCompositionEnd();
  }, [editor, onCompositionEnd]);

  // the editable element as Slate mounts it (again for each draft opened): hidden from React's selection saving
  const undoHide = useRef<(() => void) | null>(null);
  const editableRef = useCallback((el: HTMLDivElement | null) => {
    undoHide.current?.();
    undoHide.current = el ? hideEditingHostFromReact(el) : null;
  }, []);

  return (
    <Slate key={loadKey} editor={editor} initialValue={initialValue}>
      <Editable
        ref={editableRef}
        className="speech-editable"
        data-testid="editor"
        spellCheck={false}
        autoCorrect="off"
        renderElement={renderElement}
        renderLeaf={renderLeaf}
        renderChunk={renderChunk}
        decorate={decorate}
        onKeyDown={onKeyDown}
        onCompositionStart={onCompositionStart}
        onCompositionEnd={onCompositionEnd}
        onBlur={onBlur}
        onPaste={onPaste}
      />
    </Slate>
  );
});

