// 查找 (Ctrl+F) and 替换 (Ctrl+H): a bar above the page with the match count, 上一个/下一个 (Enter,
// Shift+Enter, F3), 区分大小写, 全字匹配 and 仅选区; matches are highlighted through the decoration registry
// (source 'find'), which holds them still during an IME composition. 全部替换 is one undo step. The query
// is taken when a composition in the box ends, never from the pinyin in between. Escape closes.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Editor, Range, type RangeRef } from 'slate';
import { ReactEditor } from 'slate-react';
import { DEFAULT_MATCH_LIMIT, findMatches, matchAtOrAfter, type TextMatch, type TextPosition } from '../../core/find/index';
import { useWorkbench } from '../workbench/context';
import { blockTexts, offsetInBlock, replaceMatches, scopeOf } from './replace';
import { findBar, useFindBar } from './store';
import './find.css';

const SOURCE = 'find';
/** A selection longer than this (or over several blocks) becomes the 仅选区 scope instead of the query. */
const MAX_PREFILL = 100;

/**
 * The editor's selection as the page shows it. slate-react takes the browser's selection changes up to 100 ms
 * late (throttled), so a selection made with Shift+arrows just before Ctrl+F is read from the page.
 */
function shownSelection(editor: ReactEditor): Range | null {
  const dom = window.getSelection();
  const inEditor = (n: Node | null | undefined) => !!n && ReactEditor.hasDOMNode(editor, n, { editable: true });
  if (dom && dom.rangeCount > 0 && inEditor(dom.anchorNode) && inEditor(dom.focusNode)) {
    const r = ReactEditor.toSlateRange(editor, dom, { exactMatch: false, suppressThrow: true });
    if (r) return r;
  }
  return editor.selection;
}

export function FindBar() {
  const wb = useWorkbench();
  const { editor, docVersion, decorations, draft, notify, isComposing } = wb;
  const bar = useFindBar();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [inSelection, setInSelection] = useState(false);
  const [hasScope, setHasScope] = useState(false);
  const [current, setCurrent] = useState(-1);
  const [edits, setEdits] = useState(0);
  const scope = useRef<RangeRef | null>(null);
  /** Where the next search starts: the caret when the bar opened, then the current match. */
  const from = useRef<TextPosition>({ blockIndex: 0, offset: 0 });
  const composingInBox = useRef(false);
  const findBox = useRef<HTMLInputElement>(null);

  // Opening (Ctrl+F again included): take the selection as the query, or as the 仅选区 scope if it is long.
  useEffect(() => {
    if (!bar.open) return;
    const sel = shownSelection(editor);
    if (sel) from.current = offsetInBlock(editor, Range.start(sel));
    if (sel && !Range.isCollapsed(sel)) {
      const text = Editor.string(editor, sel);
      const [s, e] = Range.edges(sel);
      if (s.path[0] === e.path[0] && text.length <= MAX_PREFILL) {
        setInput(text);
        setQuery(text);
      } else {
        scope.current?.unref();
        scope.current = Editor.rangeRef(editor, sel);
        setHasScope(true);
        setInSelection(true);
      }
    }
    const box = findBox.current;
    box?.focus();
    box?.select();
  }, [bar.open, bar.seq, editor]);

  // Another draft in the editor: the scope was a range of the previous one.
  const draftId = draft?.id;
  useEffect(() => {
    scope.current?.unref();
    scope.current = null;
    setHasScope(false);
    setInSelection(false);
  }, [draftId]);

  const scopeNow = inSelection && scope.current ? scopeOf(editor, scope.current.current) : null;
  const matches = useMemo<TextMatch[]>(() => {
    void docVersion;
    void edits;
    if (!bar.open || !query || !draft) return [];
    return findMatches(blockTexts(editor), query, { caseSensitive, wholeWord, ...(scopeNow ? { scope: scopeNow } : {}) });
    // scopeNow is read from the range ref; its identity changes every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bar.open, query, caseSensitive, wholeWord, inSelection, docVersion, edits, draft, editor]);

  // A new search starts at the caret; after an edit the current match is the one at or after it.
  useEffect(() => {
    setCurrent(matchAtOrAfter(matches, from.current));
  }, [matches]);
  const cur = matches.length ? Math.min(Math.max(current, 0), matches.length - 1) : -1;

  useEffect(() => {
    decorations.set(
      SOURCE,
      matches.map((m, i) => ({ ...m, className: i === cur ? 'find-match find-current' : 'find-match' })),
    );
  }, [decorations, matches, cur]);
  // Unmounted (no draft open any more): clear the highlights and close, so the bar does not reappear by itself.
  useEffect(
    () => () => {
      decorations.set(SOURCE, []);
      findBar.close();
    },
    [decorations],
  );

  const reveal = useCallback(
    (m: TextMatch | undefined, focusEditor = false) => {
      if (!m) return;
      from.current = { blockIndex: m.blockIndex, offset: m.start };
      wb.jumpTo(m.blockIndex, m.start, m.end - m.start, { focus: focusEditor });
    },
    [wb],
  );

  const go = useCallback(
    (dir: 1 | -1) => {
      if (!matches.length) return;
      const next = cur < 0 ? 0 : (cur + dir + matches.length) % matches.length;
      setCurrent(next);
      reveal(matches[next]);
    },
    [matches, cur, reveal],
  );

  const close = useCallback(() => {
    findBar.close();
    scope.current?.unref();
    scope.current = null;
    setHasScope(false);
    setInSelection(false);
    const m = matches[cur];
    if (m) reveal(m, true);
    else ReactEditor.focus(editor);
  }, [matches, cur, reveal, editor]);

  const replaceOne = () => {
    const m = matches[cur];
    if (!m || isComposing()) return;
    replaceMatches(editor, [m], replacement);
    // Continue after the replaced text (a replacement that contains the query is not found again).
    from.current = { blockIndex: m.blockIndex, offset: m.start + replacement.length };
    setEdits((n) => n + 1);
  };

  const replaceAll = () => {
    if (!query || isComposing()) return;
    const all = findMatches(blockTexts(editor), query, { caseSensitive, wholeWord, limit: Infinity, ...(scopeNow ? { scope: scopeNow } : {}) });
    const n = replaceMatches(editor, all, replacement);
    setEdits((k) => k + 1);
    notify(n ? `已全部替换，共 ${n} 处（Ctrl+Z 可一次撤销）` : '没有找到可替换的内容', n ? 'success' : 'info');
  };

  // Shortcuts anywhere in the window: Ctrl+F, Ctrl+H, F3 / Shift+F3, Escape (in the bar or the editor).
  const latest = useRef({ go, close, open: bar.open });
  latest.current = { go, close, open: bar.open };
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.shiftKey && !e.altKey && key === 'f') {
        e.preventDefault();
        findBar.open('find');
      } else if ((mod && !e.shiftKey && !e.altKey && key === 'h') || (e.metaKey && e.altKey && key === 'f')) {
        e.preventDefault();
        findBar.open('replace');
      } else if (e.key === 'F3' && !mod && !e.altKey) {
        e.preventDefault();
        if (latest.current.open) latest.current.go(e.shiftKey ? -1 : 1);
        else findBar.open('find');
      } else if (e.key === 'Escape' && latest.current.open && e.target instanceof Element && e.target.closest('.find-bar, [data-testid="editor"]')) {
        e.preventDefault();
        latest.current.close();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  if (!bar.open) return null;

  const onFindKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || composingInBox.current || e.key !== 'Enter') return;
    e.preventDefault();
    go(e.shiftKey ? -1 : 1);
  };
  const onReplaceKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.key !== 'Enter') return;
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) replaceAll();
    else replaceOne();
  };
  const capped = matches.length >= DEFAULT_MATCH_LIMIT;
  const count = !query ? '' : matches.length ? `第 ${cur + 1} / ${matches.length}${capped ? '+' : ''} 处` : '无结果';

  return (
    <div className="find-bar" data-testid="find-bar" role="search">
      <div className="find-row">
        <input
          ref={findBox}
          className="find-input"
          data-testid="find-input"
          placeholder="查找"
          aria-label="查找内容"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            if (!composingInBox.current) setQuery(e.target.value);
          }}
          onCompositionStart={() => (composingInBox.current = true)}
          onCompositionEnd={(e) => {
            composingInBox.current = false;
            setQuery(e.currentTarget.value);
          }}
          onKeyDown={onFindKey}
        />
        <span className="find-count" data-testid="find-count">
          {count}
        </span>
        <button className="btn btn-sm" title="上一个 (Shift+Enter, Shift+F3)" data-testid="find-prev" disabled={!matches.length} onClick={() => go(-1)}>
          ↑
        </button>
        <button className="btn btn-sm" title="下一个 (Enter, F3)" data-testid="find-next" disabled={!matches.length} onClick={() => go(1)}>
          ↓
        </button>
        <label className="find-opt" title="区分英文字母大小写">
          <input type="checkbox" data-testid="find-case" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
          区分大小写
        </label>
        <label className="find-opt" title="英文单词、数字只匹配完整的词（对中文无影响）">
          <input type="checkbox" data-testid="find-word" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} />
          全字匹配
        </label>
        <label className="find-opt" title={hasScope ? '只在打开查找时选中的文字中查找、替换' : '先在文中选中一段文字，再按 Ctrl+F'}>
          <input type="checkbox" data-testid="find-selection" disabled={!hasScope} checked={inSelection && hasScope} onChange={(e) => setInSelection(e.target.checked)} />
          仅选区
        </label>
        {bar.mode === 'find' && (
          <button className="link" data-testid="find-show-replace" onClick={() => findBar.open('replace')}>
            替换…
          </button>
        )}
        <span className="find-spacer" />
        <button className="btn btn-sm" title="关闭 (Esc)" data-testid="find-close" onClick={close}>
          ✕
        </button>
      </div>
      {bar.mode === 'replace' && (
        <div className="find-row">
          <input
            className="find-input"
            data-testid="replace-input"
            placeholder="替换为"
            aria-label="替换为"
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
            onKeyDown={onReplaceKey}
          />
          <button className="btn btn-sm" data-testid="replace-one" disabled={cur < 0} onClick={replaceOne} title="替换当前一处，并转到下一处 (Enter)">
            替换
          </button>
          <button className="btn btn-sm" data-testid="replace-all" disabled={!matches.length} onClick={replaceAll} title="全部替换（一次撤销即可全部恢复）(Ctrl+Enter)">
            全部替换
          </button>
        </div>
      )}
    </div>
  );
}
