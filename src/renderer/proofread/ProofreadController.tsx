// The live 校对: checks the open draft shortly after typing pauses (never during an IME composition, and never
// touching the editor then), underlines the findings in the editor (wavy, message on hover) and keeps them for
// the 校对 panel. Only paragraphs whose text changed are checked again (Proofreader caches by paragraph text).
import { useEffect, useMemo, useRef } from 'react';
import { ApiError } from '../../contract/define';
import { Blocks } from '../../core/model/block';
import { Proofreader } from '../../core/proofread/index';
import { markedRanges } from '../../core/reuse/marked';
import { useReuseState } from '../reuse/store';
import { useWorkbench } from '../workbench/context';
import { ignoreKey, proofStore, useProofState } from './store';
import './proofread.css';

/** After `doc` is published (250 ms after edits settle): soon enough to feel live, rarely while still typing. */
const CHECK_DELAY_MS = 150;

export function ProofreadController() {
  const { api, draft, doc, docVersion, isComposing, setDecorations, notify } = useWorkbench();
  const st = useProofState();
  const reuse = useReuseState();
  const reader = useMemo(() => new Proofreader(), []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draftId = draft?.id ?? null;

  // The workspace dictionary, once per opened draft (and after 加入词库, which sets it in the store).
  useEffect(() => {
    if (!draftId) return;
    let live = true;
    api['proofread.words']({})
      .then((r) => live && proofStore.set({ words: r.words }))
      .catch((err) => notify(`读取校对词库失败：${ApiError.from(err).message}`, 'error'));
    return () => {
      live = false;
    };
  }, [api, draftId, notify]);

  useEffect(() => {
    if (!draftId) {
      proofStore.set({ draftId: null, findings: [], paras: [] });
      setDecorations('proofread', []);
      return;
    }
    const run = () => {
      timer.current = null;
      if (isComposing()) {
        timer.current = setTimeout(run, 300); // never during an IME composition
        return;
      }
      const paras = doc.blocks.map((b) => Blocks.text(b));
      const joined = paras.join('\n');
      // 标为引用 passages of the 查重 states are left alone (found by their text, as the 查重 highlights are)
      const quotes = paras.map(() => [] as { start: number; end: number }[]);
      if (reuse.draftId === draftId && reuse.states.length) {
        const starts: number[] = [];
        paras.reduce((at, p) => (starts.push(at), at + p.length + 1), 0);
        for (const q of markedRanges(joined, reuse.states, 'quoted')) {
          paras.forEach((p, i) => {
            const s = Math.max(q.start, starts[i]);
            const e = Math.min(q.end, starts[i] + p.length);
            if (s < e) quotes[i].push({ start: s - starts[i], end: e - starts[i] });
          });
        }
      }
      const findings = reader.check(paras, { userWords: st.words, quotes });
      proofStore.set({ draftId, findings, paras });
    };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(run, CHECK_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [draftId, doc, docVersion, st.words, st.recheck, reuse.states, reuse.draftId, reader, isComposing, setDecorations]);

  // Underlines for the findings not ignored.
  useEffect(() => {
    if (st.draftId !== draftId) return;
    setDecorations(
      'proofread',
      st.findings
        .filter((f) => f.end > f.start && !st.ignored.has(ignoreKey(f, st.paras[f.para] ?? '')))
        .map((f) => ({ blockIndex: f.para, start: f.start, end: f.end, className: `proof-mark proof-${f.kind}`, title: `${f.message}${f.fix ? `（建议：${f.fix}）` : ''}` })),
    );
  }, [st.findings, st.paras, st.ignored, st.draftId, draftId, setDecorations]);
  useEffect(() => () => setDecorations('proofread', []), [setDecorations]);
  return null;
}
