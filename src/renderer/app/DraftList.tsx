import { useShell, useWorkbench } from '../workbench/context';
import { deleteDraft, duplicateDraft, newDraft, renameDraft } from './draftCommands';

function fmtTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function DraftList() {
  const wb = useWorkbench();
  const shell = useShell();
  const { drafts } = shell;
  const { draft, openDraft } = wb;

  return (
    <aside className="sidebar">
      <div className="sidebar-head">
        <span className="sidebar-title">文稿列表</span>
        <button className="btn btn-primary btn-sm" data-testid="new-draft" onClick={() => void newDraft(wb)}>
          ＋ 新建
        </button>
      </div>
      <div className="draft-list">
        {drafts === null && <div className="empty-hint">正在读取…</div>}
        {drafts?.length === 0 && (
          <div className="empty-hint">
            还没有文稿。
            <br />
            点击「新建」开始起草，或用「导入」打开 .txt / .docx / .html 文件。
          </div>
        )}
        {drafts?.map((d) =>
          d.status === 'ok' ? (
            <div
              key={d.id}
              className={`draft-item${draft?.id === d.id ? ' active' : ''}`}
              data-draft-id={d.id}
              role="button"
              tabIndex={0}
              aria-current={draft?.id === d.id ? 'true' : undefined}
              onClick={() => draft?.id !== d.id && void openDraft(d.id)}
              onKeyDown={(e) => {
                if ((e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
                  e.preventDefault();
                  if (draft?.id !== d.id) void openDraft(d.id);
                }
              }}
            >
              <div className="draft-name" title={d.name}>
                {d.name}
              </div>
              <div className="draft-meta">
                {d.charCount} 字 · {fmtTime(d.updatedAt)}
              </div>
              <div className="draft-ops" onClick={(e) => e.stopPropagation()}>
                <button className="link" onClick={() => renameDraft(wb, shell, d.id, d.name)}>
                  重命名
                </button>
                <button className="link" onClick={() => void duplicateDraft(wb, shell, d.id)}>
                  复制
                </button>
                <button className="link danger" onClick={() => deleteDraft(wb, shell, d.id, d.name)}>
                  删除
                </button>
              </div>
            </div>
          ) : (
            <div key={d.id} className="draft-item damaged" data-draft-id={d.id} title={d.reason}>
              <div className="draft-name">⚠ {d.fileName}</div>
              <div className="draft-meta">文件已损坏，无法打开（原文件未改动）</div>
              <div className="draft-reason">{d.reason}</div>
              <div className="draft-ops">
                <button className="link danger" onClick={() => deleteDraft(wb, shell, d.id, d.fileName)}>
                  移入回收站
                </button>
              </div>
            </div>
          ),
        )}
      </div>
    </aside>
  );
}
