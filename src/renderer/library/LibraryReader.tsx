// Reading a 素材库 document: its text, what was cleaned on import, and the passages of the open draft that
// come from it highlighted (高风险 ones in their own colour).
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { ApiError } from '../../contract/define';
import type { LibraryDoc } from '../../contract/library';
import { CleaningLines } from './CleaningLines';
import { Dialog, DialogButtons } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';
import { useReuseState } from '../reuse/store';
import './library.css';

export function LibraryReader({ id, back, onEdit }: { id: string; back?: () => void; onEdit?: (d: LibraryDoc) => void }) {
  const { api, draft } = useWorkbench();
  const st = useReuseState();
  const [doc, setDoc] = useState<LibraryDoc | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firstMark = useRef<HTMLElement>(null);
  useEffect(() => {
    api['library.get']({ id })
      .then(setDoc)
      .catch((err) => setError(ApiError.from(err).message));
  }, [api, id]);
  useEffect(() => {
    if (doc) firstMark.current?.scrollIntoView({ block: 'center' });
  }, [doc]);

  const from = st.result && draft && st.draftId === draft.id ? st.result.passages.filter((p) => p.sourceId === id && p.kind !== 'common') : [];
  const ranges = from.map((p) => ({ start: p.sourceStart, end: p.sourceEnd, high: p.risk === 'high' })).sort((a, b) => a.start - b.start);
  const pieces: ReactElement[] = [];
  if (doc) {
    let at = 0;
    ranges.forEach((r, i) => {
      if (r.start < at) return;
      pieces.push(<span key={`t${i}`}>{doc.text.slice(at, r.start)}</span>);
      pieces.push(
        <mark key={`m${i}`} ref={i === 0 ? firstMark : undefined} className={r.high ? 'high' : ''} data-testid="library-reader-mark">
          {doc.text.slice(r.start, r.end)}
        </mark>,
      );
      at = r.end;
    });
    pieces.push(<span key="end">{doc.text.slice(at)}</span>);
  }
  return (
    <Dialog
      className="library-reader"
      testId="library-reader"
      title={doc ? `《${doc.label}》` : '…'}
      footer={
        <>
          {doc && onEdit && (
            <button className="btn" onClick={() => onEdit(doc)}>
              编辑信息
            </button>
          )}
          <DialogButtons cancelLabel={back ? '返回素材库' : '关闭'} onCancel={back} />
        </>
      }
    >
      {error && <div className="field-error">{error}</div>}
      {doc && (
        <>
          <div className="library-row-meta">
            {doc.kind} · {doc.chars} 字 · 来自 {doc.originFile}
            {doc.part ? ` 第${doc.part}篇` : ''}
            {doc.occasion ? ` · 场合：${doc.occasion}` : ''}
            {doc.audience ? ` · 对象：${doc.audience}` : ''}
            {from.length > 0 && ` · 本稿有 ${from.length} 段出自这篇（已标出）`}
          </div>
          {doc.cleaningReport.length > 0 && (
            <details className="library-report" data-testid="library-reader-cleaning">
              <summary>导入时清理了 {doc.cleaningReport.length} 处</summary>
              <CleaningLines cleanings={doc.cleaningReport} />
            </details>
          )}
          <div className="library-reader-text" data-testid="library-reader-text">
            {pieces}
          </div>
        </>
      )}
    </Dialog>
  );
}
