// The open draft's 场合 / 对象 / date in the 查重 panel, with 设置 (the 高风险 check compares them).
import { useState } from 'react';
import type { DraftMeta } from '../../contract/drafts';
import { useWorkbench } from '../workbench/context';
import { DraftMetaDialog } from '../library/MetaDialogs';
import { useReuseState } from './store';

export function DraftOccasionLine() {
  const { draft, openModal } = useWorkbench();
  const st = useReuseState();
  const [saved, setSaved] = useState<DraftMeta | null>(null);
  if (!draft) return null;
  const meta = saved?.id === draft.id ? { ...draft, ...saved } : draft;
  const judged = st.draftId === draft.id ? st.result?.occasion : undefined;
  const occasion = meta.occasion ?? judged?.occasion;
  return (
    <div className="draft-occasion" data-testid="draft-occasion-line">
      <span>
        场合：{occasion ?? '未设'}
        {!meta.occasion && occasion ? '（据标题）' : ''} · 对象：{meta.audience ?? '未设'} · 日期：{meta.date ?? '今天'}
      </span>
      <button className="link" data-testid="draft-meta-open" onClick={() => openModal(<DraftMetaDialog draft={meta} onSaved={setSaved} />)}>
        设置
      </button>
    </div>
  );
}
