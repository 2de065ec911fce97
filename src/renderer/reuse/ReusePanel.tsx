// 查重 panel: the overall figures, then each flagged passage with its source, similarity and the character
// diff against the source, and the actions 忽略 / 标为引用 / 打开来源.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import type { PassageState, ReuseSource } from '../../contract/library';
import type { DiffPart, Passage } from '../../core/reuse/types';
import { markedRanges } from '../../core/reuse/marked';
import { describeSources } from '../../core/reuse/report';
import { Dialog, DialogButtons } from '../app/ModalHost';
import { useWorkbench, type Workbench } from '../workbench/context';
import { blockRanges } from '../../core/model/text';
import { pct, reuseStore, useReuseState } from './store';
import { DraftOccasionLine } from './DraftOccasionLine';

/** Long unchanged stretches are shortened so the edits stand out. */
function DiffView({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="reuse-diff" data-testid="reuse-diff">
      {parts.map((p, i) => {
        if (p.op === 'insert') return <ins key={i} title="稿中改写/新增">{p.text}</ins>;
        if (p.op === 'delete') return <del key={i} title="来源中原有">{p.text}</del>;
        const t = p.text.length > 60 ? `${p.text.slice(0, 26)} … ${p.text.slice(-26)}` : p.text;
        return <span key={i}>{t}</span>;
      })}
    </div>
  );
}

export function SourceView({ sourceId, start, end }: { sourceId: string; start: number; end: number }) {
  const { api } = useWorkbench();
  const [src, setSrc] = useState<ReuseSource | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    api['reuse.source']({ sourceId })
      .then(setSrc)
      .catch((err) => setError(ApiError.from(err).message));
  }, [api, sourceId]);
  useEffect(() => {
    if (src) markRef.current?.scrollIntoView({ block: 'center' });
  }, [src]);
  const kind = src ? { library: '素材库', draft: '文稿', template: '模板范文' }[src.kind] : '';
  return (
    <Dialog
      className="reuse-source"
      testId="reuse-source"
      bodyClassName="reuse-source-body"
      title={
        <>
          打开来源：{src ? `《${src.title}》` : '…'} <span className="reuse-source-kind">{kind}</span>
        </>
      }
      footer={<DialogButtons cancelLabel="关闭" />}
    >
      {error && <div className="field-error">{error}</div>}
      {src && (
        <div className="reuse-source-text">
          {src.text.slice(0, start)}
          <mark ref={markRef} className="reuse-source-mark">
            {src.text.slice(start, end)}
          </mark>
          {src.text.slice(end)}
        </div>
      )}
    </Dialog>
  );
}

/** 忽略 / 标为引用 / 取消 a passage (by its text), then check again. */
async function setPassageState(wb: Workbench, input: Parameters<Api['reuse.setPassageState']>[0]): Promise<void> {
  try {
    const { states } = await wb.api['reuse.setPassageState'](input);
    reuseStore.set({ states });
    reuseStore.requestCheck();
  } catch (err) {
    wb.notify(ApiError.from(err).message, 'error');
  }
}

function PassageCard({ p, index, text, draftId }: { p: Passage; index: number; text: string; draftId: string }) {
  const wb = useWorkbench();
  const { jumpTo, openModal } = wb;
  const st = useReuseState();
  const passageText = text.slice(p.start, p.end);
  const go = () => {
    if (!st.plain) return;
    const rs = blockRanges(st.plain, p.start, p.end);
    if (rs.length) jumpTo(rs[0].blockIndex, rs[0].start, rs[rs.length - 1].blockIndex === rs[0].blockIndex ? rs[0].end - rs[0].start : 0);
  };
  const setState = (state: PassageState['state'] | 'none') => setPassageState(wb, { draftId, text: passageText, sourceId: p.sourceId, state });
  const high = !p.quoted && p.risk === 'high';
  const kindLabel = p.quoted ? '引用' : high ? '高风险' : p.kind === 'common' ? '套话' : '重复';
  const cls = p.quoted ? 'quoted' : high ? 'high' : p.kind;
  return (
    <div className={`reuse-card ${cls}`} data-testid="reuse-passage" data-source-id={p.sourceId} data-risk={high ? 'high' : 'normal'}>
      <div className="reuse-card-head" onClick={go} title="在文稿中定位">
        <span className={`reuse-kind reuse-kind-${cls}`}>{kindLabel}</span>
        <span className="reuse-card-no">#{index + 1}</span>
        <span className="reuse-sim" data-testid="reuse-similarity">相似度 {pct(p.similarity)}</span>
        <span className="reuse-chars">{p.chars} 字</span>
      </div>
      <div className="reuse-card-source" title={p.sourceTitle} data-testid="reuse-source-title">
        来源：《{p.sourceTitle}》
      </div>
      {high && <div className="reuse-risk-reason" data-testid="reuse-risk-reason">{p.riskReason}</div>}
      <DiffView parts={p.parts} />
      <div className="reuse-actions">
        <button className="link" onClick={() => void setState('ignored')} title="忽略这一段（不计入重复率）">
          忽略
        </button>
        {p.quoted ? (
          <button className="link" onClick={() => void setState('none')}>
            取消引用
          </button>
        ) : (
          <button className="link" onClick={() => void setState('quoted')} title="标为引用（计入“去除引用后”的重复率时扣除）">
            标为引用
          </button>
        )}
        <button className="link" data-testid="open-source" onClick={() => openModal(<SourceView sourceId={p.sourceId} start={p.sourceStart} end={p.sourceEnd} />)}>
          打开来源
        </button>
      </div>
    </div>
  );
}

export function ReusePanel() {
  const wb = useWorkbench();
  const { draft } = wb;
  const st = useReuseState();
  const [showCommon, setShowCommon] = useState(true);
  if (!draft) return <div className="empty-hint">打开文稿后自动查重：与素材库、其他文稿和模板范文比对。</div>;
  const r = st.draftId === draft.id ? st.result : null;
  const text = st.plain?.text ?? '';
  // 高风险 first, then in text order
  const rank = (p: Passage) => (p.risk === 'high' && !p.quoted ? 0 : 1);
  const passages = r ? r.passages.filter((p) => showCommon || p.kind !== 'common').sort((a, b) => rank(a) - rank(b) || a.start - b.start) : [];
  const ignored = r ? markedRanges(text, st.states, 'ignored') : [];
  const commonCount = r ? r.passages.filter((p) => p.kind === 'common').length : 0;
  return (
    <div className="reuse-panel" data-testid="reuse-panel">
      <div className="reuse-figures">
        <div className="reuse-figure main">
          <div className="v" data-testid="reuse-ratio">{r ? pct(r.ratio) : '—'}</div>
          <div className="k">总重复率</div>
        </div>
        <div className="reuse-figure">
          <div className="v">{r ? pct(r.ratioExcludingQuotes) : '—'}</div>
          <div className="k">去除引用后</div>
        </div>
        <div className="reuse-figure">
          <div className="v">{r ? pct(r.maxSourceRatio) : '—'}</div>
          <div className="k">单一来源最高</div>
        </div>
        <div className="reuse-figure high" title="与同一场合或同一对象的讲话重复（在设定期限内）">
          <div className="v" data-testid="reuse-high-ratio">{r ? (r.highRisk?.passages ? `${r.highRisk.passages}处` : '0') : '—'}</div>
          <div className="k">高风险{r?.highRisk?.passages ? ` ${pct(r.highRisk.ratio)}` : ''}</div>
        </div>
      </div>
      <DraftOccasionLine />
      <div className="reuse-status">
        {st.status === 'checking' ? '正在检查…' : r ? `${r.draft.chars} 字，比对${describeSources(r.sourceKinds)}，用时 ${Math.round(r.elapsedMs)} ms` : '等待检查…'}
        <button className="link" onClick={() => reuseStore.requestCheck()}>
          重新检查
        </button>
      </div>
      {r && r.sources.length > 0 && (
        <div className="reuse-sources">
          {r.sources.slice(0, 5).map((s) => (
            <div key={s.id} className="reuse-source-row" title={s.title}>
              <span className="bar" style={{ width: `${Math.max(2, s.ratio * 100)}%` }} />
              <span className="t">《{s.title}》</span>
              <span className="n">{pct(s.ratio)}</span>
            </div>
          ))}
        </div>
      )}
      <label className="reuse-toggle">
        <input
          type="checkbox"
          data-testid="reuse-include-family"
          checked={st.includeFamily === true}
          onChange={(e) => {
            reuseStore.set({ includeFamily: e.target.checked });
            reuseStore.requestCheck();
          }}
        />{' '}
        显示本稿副本、导出再导入稿中的重复{r?.familyExcluded ? `（${r.familyExcluded} 篇同一家族文稿默认不计）` : ''}
      </label>
      {commonCount > 0 && (
        <label className="reuse-toggle">
          <input type="checkbox" checked={showCommon} onChange={(e) => setShowCommon(e.target.checked)} /> 显示常见套话（{commonCount} 段，不计入重复率）
        </label>
      )}
      {r && passages.length === 0 && <div className="empty-hint">未发现重复段落。</div>}
      {passages.map((p, i) => (
        <PassageCard key={`${p.start}-${p.sourceId}`} p={p} index={i} text={text} draftId={draft.id} />
      ))}
      {ignored.length > 0 && (
        <div className="reuse-ignored-list">
          <div className="reuse-subhead">已忽略 {ignored.length} 段</div>
          {ignored.map((g, i) => (
            <div key={i} className="reuse-ignored-row">
              <span className="t">{text.slice(g.start, g.end).slice(0, 30)}…</span>
              <button
                className="link"
                onClick={() => void setPassageState(wb, { draftId: draft.id, text: g.state.text, sourceId: g.state.sourceId, state: 'none' })}
              >
                恢复
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
