// The compare view (opened in a modal): side by side or inline, insertions and deletions coloured, moved
// paragraphs marked, next/previous change, a summary (新增/删除/修改/移动) and the copied passages of the pair.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CompareOutput } from '../../contract/versions';
import type { DiffPart, ParagraphDiff } from '../../core/compare/index';
import { countChars } from '../../core/model/count';
import { useWorkbench } from '../workbench/context';
import { fmtNum } from './format';
import './versions.css';

type Mode = 'side' | 'inline';

const OP_LABELS: Record<ParagraphDiff['op'], string> = { equal: '', insert: '新增', delete: '删除', modify: '修改', move: '移动' };

function Parts({ parts, side }: { parts: DiffPart[]; side: 'a' | 'b' | 'both' }) {
  return (
    <>
      {parts.map((p, i) => {
        if (p.op === 'equal') return <span key={i}>{p.text}</span>;
        if (p.op === 'delete') return side === 'b' ? null : <del key={i} className="cmp-del">{p.text}</del>;
        return side === 'a' ? null : <ins key={i} className="cmp-ins">{p.text}</ins>;
      })}
    </>
  );
}

export function CompareView({ out, actions, onLocateB }: { out: CompareOutput; actions?: ReactNode; onLocateB?: (start: number, end: number) => void }) {
  const { closeModal } = useWorkbench();
  const [mode, setMode] = useState<Mode>('side');
  const [onlyChanges, setOnlyChanges] = useState(false);
  const [cur, setCur] = useState(-1);
  const [showCopied, setShowCopied] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const paras = out.result.paragraphs;
  const s = out.result.stats;

  const changes = useMemo(() => paras.map((p, i) => (p.op === 'equal' ? -1 : i)).filter((i) => i >= 0), [paras]);
  // Ordinal of each paragraph in A and in B (for "原第 n 段").
  const ordinals = useMemo(() => {
    const aStarts = paras.filter((p) => p.a).map((p) => p.a![0]).sort((x, y) => x - y);
    const bStarts = paras.filter((p) => p.b).map((p) => p.b![0]).sort((x, y) => x - y);
    const ia = new Map(aStarts.map((v, k) => [v, k + 1]));
    const ib = new Map(bStarts.map((v, k) => [v, k + 1]));
    return { a: (p: ParagraphDiff) => (p.a ? ia.get(p.a[0]) : undefined), b: (p: ParagraphDiff) => (p.b ? ib.get(p.b[0]) : undefined) };
  }, [paras]);
  const modifiedChars = useMemo(() => {
    let ins = 0;
    let del = 0;
    for (const p of paras) {
      if (p.op !== 'modify') continue;
      for (const part of p.parts) {
        if (part.op === 'insert') ins += countChars(part.text);
        else if (part.op === 'delete') del += countChars(part.text);
      }
    }
    return { ins, del };
  }, [paras]);

  const go = useCallback(
    (k: number) => {
      if (changes.length === 0) return;
      const next = ((k % changes.length) + changes.length) % changes.length;
      setCur(next);
      const el = bodyRef.current?.querySelector(`[data-idx="${changes[next]}"]`);
      el?.scrollIntoView({ block: 'center' });
    },
    [changes],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t.isContentEditable)) return;
      if ((e.key === 'F8' && e.shiftKey) || e.key === 'p') go(cur - 1);
      else if (e.key === 'F8' || e.key === 'n') go(cur + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, cur]);

  const jumpToB = (offset: number) => {
    const idx = paras.findIndex((p) => p.b && p.b[0] <= offset && offset < p.b[1]);
    if (idx < 0) return;
    setOnlyChanges(false);
    requestAnimationFrame(() => bodyRef.current?.querySelector(`[data-idx="${idx}"]`)?.scrollIntoView({ block: 'center' }));
  };

  const curIdx = cur >= 0 ? changes[cur] : -1;
  const visible = (i: number) => !onlyChanges || paras[i].op !== 'equal' || paras[i - 1]?.op !== 'equal' || paras[i + 1]?.op !== 'equal';
  const moveNote = (p: ParagraphDiff) => `原第 ${ordinals.a(p)} 段 → 现第 ${ordinals.b(p)} 段`;
  const c = out.copied;

  return (
    <div className="cmp" data-testid="compare-view">
      <div className="cmp-head">
        <div className="cmp-titles">
          <span className="cmp-title-a" title={out.left.title}>
            {out.left.title}
          </span>
          <span className="cmp-arrow">→</span>
          <span className="cmp-title-b" title={out.right.title}>
            {out.right.title}
          </span>
        </div>
        <div className="cmp-tools">
          <div className="cmp-seg" role="group" aria-label="显示方式">
            <button className={mode === 'side' ? 'on' : ''} data-testid="cmp-mode-side" onClick={() => setMode('side')}>
              并排
            </button>
            <button className={mode === 'inline' ? 'on' : ''} data-testid="cmp-mode-inline" onClick={() => setMode('inline')}>
              合并
            </button>
          </div>
          <label className="cmp-check">
            <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> 只看改动
          </label>
          <button className="btn" data-testid="cmp-prev" disabled={changes.length === 0} onClick={() => go(cur - 1)} title="上一处改动 (p)">
            ↑ 上一处
          </button>
          <span className="cmp-pos" data-testid="cmp-pos">
            {changes.length === 0 ? '无改动' : `${cur >= 0 ? cur + 1 : '–'} / ${changes.length}`}
          </span>
          <button className="btn" data-testid="cmp-next" disabled={changes.length === 0} onClick={() => go(cur + 1)} title="下一处改动 (n)">
            ↓ 下一处
          </button>
          {actions}
          <button className="btn" onClick={closeModal}>
            关闭
          </button>
        </div>
      </div>
      <div className="cmp-summary" data-testid="cmp-summary">
        <span className="sum sum-ins">
          新增 <b>{fmtNum(s.inserted)}</b> 字（{s.insertedParagraphs} 段）
        </span>
        <span className="sum sum-del">
          删除 <b>{fmtNum(s.deleted)}</b> 字（{s.deletedParagraphs} 段）
        </span>
        <span className="sum sum-mod">
          修改 <b>{s.modifiedParagraphs}</b> 段（+{fmtNum(modifiedChars.ins)} / −{fmtNum(modifiedChars.del)} 字）
        </span>
        <span className="sum sum-move">
          移动 <b>{s.movedParagraphs}</b> 段（{fmtNum(s.moved)} 字）
        </span>
        <span className="sum sum-eq">
          未变 {fmtNum(s.unchanged)} 字（{s.equalParagraphs} 段）
        </span>
        <span className="sum-time">用时 {out.elapsedMs} ms</span>
      </div>
      <div className="cmp-copied" data-testid="cmp-copied">
        <button className="link" onClick={() => setShowCopied((v) => !v)}>
          {showCopied ? '▾' : '▸'} 相同段落（{c.minChars} 字以上）：{c.passages.length} 处，共 {fmtNum(c.copiedCharsB)} 字，占右侧全文{' '}
          {(c.ratioB * 100).toFixed(1)}%
        </button>
        {showCopied && (
          <ol className="cmp-copied-list">
            {c.passages.slice(0, 200).map((p, k) => (
              <li key={k} onClick={() => jumpToB(p.b[0])} title="点击定位">
                <span className="cmp-copied-n">{p.chars} 字</span>
                {p.similarity !== undefined && p.similarity < 0.999 && <span className="cmp-copied-sim">相似 {Math.floor(p.similarity * 100)}%</span>}
                <span className="cmp-copied-text">{p.text.length > 80 ? p.text.slice(0, 80) + '…' : p.text}</span>
              </li>
            ))}
            {c.passages.length > 200 && <li className="muted">……另有 {c.passages.length - 200} 处</li>}
          </ol>
        )}
      </div>
      <div className={`cmp-body cmp-${mode}`} ref={bodyRef}>
        {mode === 'side' && (
          <div className="cmp-colheads">
            <div>{out.left.title}</div>
            <div>{out.right.title}</div>
          </div>
        )}
        {paras.map((p, i) => {
          if (!visible(i)) {
            return paras[i - 1] && visible(i - 1) ? (
              <div key={i} className="cmp-gap">
                ⋯ 相同段落已折叠
              </div>
            ) : null;
          }
          const cls = `cmp-row op-${p.op}${i === curIdx ? ' current' : ''}`;
          const badge = p.op !== 'equal' && (
            <span className={`cmp-badge b-${p.op}`} title={p.op === 'move' ? moveNote(p) : undefined}>
              {OP_LABELS[p.op]}
              {p.op === 'move' && p.parts.some((x) => x.op !== 'equal') ? '并修改' : ''}
              {p.op === 'move' ? `：${moveNote(p)}` : ''}
              {p.coarse ? '（粗略）' : ''}
            </span>
          );
          if (mode === 'inline') {
            return (
              <div key={i} className={cls} data-idx={i} data-op={p.op}>
                {onLocateB && p.b && (
                  <button className="link cmp-locate" title="关闭比较，在文稿中选中这一段" onClick={() => onLocateB(p.b![0], p.b![1])}>
                    定位
                  </button>
                )}
                {badge}
                <div className="cmp-text">
                  <Parts parts={p.parts} side="both" />
                </div>
              </div>
            );
          }
          return (
            <div key={i} className={cls} data-idx={i} data-op={p.op}>
              <div className="cmp-cell cmp-a">
                {p.a ? (
                  <>
                    {p.op !== 'equal' && p.op !== 'insert' && badge}
                    <div className="cmp-text">
                      <Parts parts={p.parts} side="a" />
                    </div>
                  </>
                ) : (
                  <div className="cmp-empty" />
                )}
              </div>
              <div className="cmp-cell cmp-b">
                {p.b ? (
                  <>
                    {onLocateB && (
                      <button className="link cmp-locate" title="关闭比较，在文稿中选中这一段" onClick={() => onLocateB(p.b![0], p.b![1])}>
                        定位
                      </button>
                    )}
                    {p.op !== 'equal' && p.op !== 'delete' && badge}
                    <div className="cmp-text">
                      <Parts parts={p.parts} side="b" />
                    </div>
                  </>
                ) : (
                  <div className="cmp-empty" />
                )}
              </div>
            </div>
          );
        })}
        {paras.length === 0 && <div className="empty-hint">两份文本都是空的。</div>}
      </div>
    </div>
  );
}
