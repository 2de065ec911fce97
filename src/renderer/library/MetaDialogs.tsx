// Editors of metadata: a draft's 场合 / 对象 / date (what the 高风险 check compares), and a library
// document's title, speaker, date, kind, 场合, 对象.
import { useState } from 'react';
import { ApiError } from '../../contract/define';
import type { DraftMeta } from '../../contract/drafts';
import type { LibraryDocMeta, LibraryMetaPatch } from '../../contract/library';
import { LIBRARY_KINDS, type LibraryKind } from '../../contract/search';
import { occasionOfTitle } from '../../core/library/recognize';
import { Dialog, DialogButtons } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';
import { reuseStore } from '../reuse/store';
import './library.css';

/** 场合 / 对象 / 日期 of the open draft; 场合 prefilled from the title (「在全市机关干部大会上的讲话」 → 全市机关干部大会). */
export function DraftMetaDialog({ draft, onSaved }: { draft: DraftMeta; onSaved?: (m: DraftMeta) => void }) {
  const { api, closeModal, notify } = useWorkbench();
  const [occasion, setOccasion] = useState(draft.occasion ?? occasionOfTitle(draft.name) ?? '');
  const [audience, setAudience] = useState(draft.audience ?? '');
  const [date, setDate] = useState(draft.date ?? new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      const m = await api['drafts.setMeta']({ id: draft.id, occasion, audience, date });
      closeModal();
      onSaved?.(m);
      reuseStore.requestCheck();
      notify('已保存本稿的场合、对象和日期', 'success');
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };
  return (
    <Dialog
      testId="draft-meta-dialog"
      title="本稿的场合、对象、日期"
      footer={<DialogButtons ok={{ label: '保存', onClick: () => void save(), testId: 'draft-meta-save' }} />}
    >
      <div className="meta-form">
        <span>场合</span>
        <input data-testid="draft-occasion" value={occasion} placeholder="如：全市机关干部大会" onChange={(e) => setOccasion(e.target.value)} />
        <span>对象</span>
        <input data-testid="draft-audience" value={audience} placeholder="如：全市机关干部" onChange={(e) => setAudience(e.target.value)} />
        <span>日期</span>
        <input data-testid="draft-date" value={date} placeholder="2025-03-15" onChange={(e) => setDate(e.target.value)} />
      </div>
      <p className="library-hint">同一场合或同一对象、{'\u00a0'}相隔不到设定期限（默认 24 个月）的讲话中重复的段落，查重时标为“高风险”。</p>
      {error && <div className="field-error">{error}</div>}
    </Dialog>
  );
}

/** Edit (and rename) a library document. */
export function LibraryMetaDialog({ doc, onSaved, back }: { doc: LibraryDocMeta; onSaved?: (m: LibraryDocMeta) => void; back?: () => void }) {
  const { api, closeModal, notify } = useWorkbench();
  const [f, setF] = useState<Required<Omit<LibraryMetaPatch, 'kind'>> & { kind: LibraryKind }>({
    title: doc.title,
    speaker: doc.speaker ?? '',
    date: doc.date ?? '',
    kind: doc.kind,
    occasion: doc.occasion ?? '',
    audience: doc.audience ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const save = async () => {
    try {
      const m = await api['library.update']({ id: doc.id, patch: f });
      onSaved?.(m);
      reuseStore.requestCheck();
      notify(`已保存：${m.label}`, 'success');
      if (back) back();
      else closeModal();
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };
  return (
    <Dialog
      testId="library-meta-dialog"
      title="编辑素材信息"
      footer={<DialogButtons onCancel={back} ok={{ label: '保存', onClick: () => void save(), testId: 'library-meta-save' }} />}
    >
      <div className="meta-form">
        <span>标题</span>
        <input data-testid="meta-title" value={f.title} onChange={set('title')} />
        <span>讲话人</span>
        <input data-testid="meta-speaker" value={f.speaker} onChange={set('speaker')} />
        <span>日期</span>
        <input data-testid="meta-date" value={f.date} placeholder="2024-03-15" onChange={set('date')} />
        <span>类别</span>
        <select data-testid="meta-kind" value={f.kind} onChange={set('kind')}>
          {LIBRARY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <span>场合</span>
        <input data-testid="meta-occasion" value={f.occasion} placeholder="如：全市机关干部大会" onChange={set('occasion')} />
        <span>对象</span>
        <input data-testid="meta-audience" value={f.audience} onChange={set('audience')} />
      </div>
      {error && <div className="field-error">{error}</div>}
    </Dialog>
  );
}
