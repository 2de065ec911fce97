// 回收站: deleted drafts, restorable (both in Electron and in browser mode).
import { useEffect, useState } from 'react';
import { ApiError } from '../../contract/define';
import type { TrashEntry } from '../../contract/drafts';
import { Dialog, DialogButtons } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';

function fmt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function TrashDialog() {
  const { api, closeModal, notify, refreshDrafts, openDraft } = useWorkbench();
  const [entries, setEntries] = useState<TrashEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    try {
      setEntries(await api['drafts.listTrash']({}));
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
      setEntries([]);
    }
  };
  useEffect(() => {
    void load();
    // Loaded once when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const restore = async (e: TrashEntry) => {
    setBusy(e.trashId);
    try {
      const m = await api['drafts.restore']({ trashId: e.trashId });
      await refreshDrafts();
      notify(`已恢复「${m.name}」`, 'success');
      closeModal();
      await openDraft(m.id);
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
      await load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog
      title="回收站"
      footer={<DialogButtons cancelLabel="关闭" />}
    >
      <div className="trash-list" data-testid="trash-list" style={{ minWidth: 420 }}>
        {entries === null && <div className="empty-hint">正在读取…</div>}
        {entries?.length === 0 && <div className="empty-hint">回收站是空的。删除的文稿会放在工作区的「回收站」文件夹里，可在这里恢复。</div>}
        {entries?.map((e) => (
          <div key={e.trashId} className="draft-item" data-trash-id={e.trashId} style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="draft-name">{e.status === 'ok' ? e.name : `⚠ ${e.trashId}.json`}</div>
              <div className="draft-meta">
                {e.status === 'ok' ? `${e.charCount} 字 · ` : '文件已损坏，无法恢复（原文件保留在回收站） · '}删除于 {fmt(e.deletedAt)}
              </div>
            </div>
            {e.status === 'ok' && (
              <button className="btn btn-sm" disabled={busy !== null} onClick={() => void restore(e)}>
                恢复
              </button>
            )}
          </div>
        ))}
      </div>
    </Dialog>
  );
}
