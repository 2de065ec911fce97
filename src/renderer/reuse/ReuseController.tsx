// The live reuse check: runs shortly after typing pauses (never during an IME composition), highlights
// flagged passages in the editor, shows the overall ratio in the toolbar and a strip of marks beside the
// editor's scrollbar. Mounted once, as a toolbar component, so it works whichever side panel is open.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { ReactEditor } from 'slate-react';
import { docToText, type PlainText } from '../../core/model/text';
import { markedRanges } from '../../core/reuse/marked';
import type { Passage } from '../../core/reuse/types';
import { useWorkbench, type DecorationRange } from '../workbench/context';
import { rangesOfText } from '../workbench/decorations';
import { blockRanges } from '../../core/model/text';
import { LiveReuseCheck } from './liveCheck';
import { pct, reuseStore, useReuseState } from './store';
import './reuse.css';

export function passageClass(p: Passage): string {
  if (p.quoted) return 'reuse-mark reuse-quoted';
  if (p.risk === 'high') return 'reuse-mark reuse-high';
  return p.kind === 'common' ? 'reuse-mark reuse-common' : 'reuse-mark reuse-hit';
}

export function passageTitle(p: Passage): string {
  const kind = p.quoted ? '（已标为引用）' : p.risk === 'high' ? `（高风险：${p.riskReason ?? '同一场合或对象'}）` : p.kind === 'common' ? '（常见套话）' : '';
  return `重复${kind}：来源《${p.sourceTitle}》，相似度 ${pct(p.similarity)}`;
}

function decorationsFor(plain: PlainText, passages: Passage[], ignored: { start: number; end: number }[]): DecorationRange[] {
  const out: DecorationRange[] = [];
  for (const p of passages) out.push(...rangesOfText(plain, p.start, p.end, passageClass(p), passageTitle(p)));
  for (const ig of ignored) out.push(...rangesOfText(plain, ig.start, ig.end, 'reuse-mark reuse-ignored', '已忽略的重复段落'));
  return out;
}

export function ReuseController() {
  const wb = useWorkbench();
  const { api, draft, doc, docVersion, isComposing, setDecorations, notify } = wb;
  const st = useReuseState();
  // The text of the current document: what a check sends, and what a result must match to be shown.
  const current = useMemo(() => docToText(doc), [doc]);
  const draftId = draft?.id ?? null;
  const [live] = useState(() => new LiveReuseCheck({ api, isComposing, store: reuseStore }));
  useEffect(() => () => live.dispose(), [live]);

  // Re-check after edits settle, when another draft opens, or on request.
  useEffect(() => {
    if (!draftId) {
      live.stop();
      reuseStore.set({ status: 'idle', result: null, plain: null, draftId: null, states: [] });
      setDecorations('reuse', []);
      return;
    }
    void docVersion;
    live.schedule(draftId, current);
  }, [live, draftId, docVersion, st.recheck, current, setDecorations]);

  // Apply highlights for the latest result, only if it still matches the text in the editor.
  useEffect(() => {
    if (!st.result || !st.plain || st.draftId !== draftId) return;
    if (st.plain.text !== current.text) return; // stale: the next check is on its way
    const ignored = markedRanges(st.plain.text, st.states, 'ignored');
    setDecorations('reuse', decorationsFor(st.plain, st.result.passages, ignored));
  }, [st.result, st.plain, st.states, st.draftId, draftId, current, setDecorations]);

  useEffect(() => {
    if (st.status === 'error' && st.error) notify(`查重失败：${st.error}`, 'error');
  }, [st.status, st.error, notify]);

  const r = st.result && st.draftId === draftId ? st.result : null;
  return (
    <>
      <span
        className={`reuse-badge${r && r.ratio > 0.3 ? ' reuse-badge-high' : ''}`}
        data-testid="reuse-badge"
        title={r ? `总重复率 ${pct(r.ratio)}，去除引用后 ${pct(r.ratioExcludingQuotes)}，单一来源最高 ${pct(r.maxSourceRatio)}` : '查重'}
      >
        查重 {!draftId ? '—' : r ? pct(r.ratio) : '…'}
        {st.status === 'checking' && <span className="reuse-spinner" aria-hidden="true" />}
      </span>
      {draftId && r && st.plain && <ReuseStrip passages={r.passages} plain={st.plain} />}
    </>
  );
}

/** Marks beside the editor's scrollbar, one per passage, at the passage's height in the document. */
function ReuseStrip({ passages, plain }: { passages: Passage[]; plain: PlainText }) {
  const { editor, jumpTo } = useWorkbench();
  const [box, setBox] = useState<{ top: number; left: number; height: number } | null>(null);
  const [marks, setMarks] = useState<{ top: number; height: number; p: Passage; first: { blockIndex: number; start: number; end: number } }[]>([]);

  const measure = useCallback(() => {
    const scroll = document.getElementById('page-scroll');
    if (!scroll) return setBox(null);
    const rect = scroll.getBoundingClientRect();
    const scrollbar = scroll.offsetWidth - scroll.clientWidth;
    setBox({ top: rect.top, left: rect.right - scrollbar - 7, height: rect.height });
    const total = Math.max(1, scroll.scrollHeight);
    const out: typeof marks = [];
    for (const p of passages) {
      const first = blockRanges(plain, p.start, p.end)[0];
      if (!first) continue;
      const node = editor.children[first.blockIndex];
      if (!node) continue;
      try {
        const el = ReactEditor.toDOMNode(editor, node);
        const r = el.getBoundingClientRect();
        const y = r.top - rect.top + scroll.scrollTop;
        out.push({ top: (y / total) * rect.height, height: Math.max(3, (r.height / total) * rect.height), p, first });
      } catch {
        // block not rendered: skip its mark
      }
    }
    setMarks(out);
  }, [editor, passages, plain]);

  useLayoutEffect(() => {
    measure();
    const t = setTimeout(measure, 300);
    window.addEventListener('resize', measure);
    return () => {
      clearTimeout(t);
      window.removeEventListener('resize', measure);
    };
  }, [measure]);

  if (!box) return null;
  return createPortal(
    <div className="reuse-strip" data-testid="reuse-strip" style={{ top: box.top, left: box.left, height: box.height }}>
      {marks.map((m, i) => (
        <div
          key={i}
          className={`reuse-strip-mark ${m.p.quoted ? 'q' : m.p.risk === 'high' ? 'h' : m.p.kind === 'common' ? 'c' : 'r'}`}
          style={{ top: m.top, height: m.height }}
          title={passageTitle(m.p)}
          onMouseDown={(e) => {
            e.preventDefault();
            jumpTo(m.first.blockIndex, m.first.start, m.first.end - m.first.start);
          }}
        />
      ))}
    </div>,
    document.body,
  );
}
