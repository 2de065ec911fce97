import './templates.css';
import { useEffect, useState } from 'react';
import { ApiError } from '../../contract/define';
import type { TemplateLoadProblem, TemplateSummary } from '../../contract/templates';
import { Dialog, DialogButtons, useBusyTask } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';

/** 从模板新建: pick a template (its outline previewed first), name the draft, create it and open it. */
export function NewFromTemplateDialog() {
  const { api, closeModal, notify, refreshDrafts, openDraft } = useWorkbench();
  const [list, setList] = useState<TemplateSummary[] | null>(null);
  const [errors, setErrors] = useState<TemplateLoadProblem[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ id: string; outline: string[]; summary: TemplateSummary } | null>(null);
  const [name, setName] = useState('');
  const [busy, runTask] = useBusyTask();

  useEffect(() => {
    api['templates.list']({})
      .then((r) => {
        setList(r.templates);
        setErrors(r.errors);
        if (r.templates[0]) setSelected(r.templates[0].id);
      })
      .catch((err) => notify(ApiError.from(err).message, 'error'));
  }, [api, notify]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    api['templates.preview']({ id: selected })
      .then((p) => live && setPreview({ id: selected, outline: p.outline, summary: p.summary }))
      .catch((err) => notify(ApiError.from(err).message, 'error'));
    return () => {
      live = false;
    };
  }, [api, selected, notify]);

  const create = async () => {
    if (!selected) return;
    await runTask(async () => {
      const d = await api['drafts.createFromTemplate']({ templateId: selected, ...(name.trim() ? { name: name.trim() } : {}) });
      closeModal();
      await refreshDrafts();
      await openDraft(d.id);
      notify(`已按模板新建「${d.name}」`, 'success');
    });
  };

  return (
    <Dialog
      title="从模板新建"
      footer={<DialogButtons ok={{ label: '新建文稿', testId: 'create-from-template', disabled: busy || !selected, onClick: () => void create() }} />}
    >
      <div className="tpl-dialog">
        <div className="tpl-list" role="listbox" aria-label="模板">
          {list === null && <div className="empty-hint">正在读取模板…</div>}
          {list?.map((t) => (
            <div
              key={t.id}
              role="option"
              aria-selected={selected === t.id}
              data-template-id={t.id}
              className={`tpl-item${selected === t.id ? ' active' : ''}`}
              onClick={() => setSelected(t.id)}
            >
              <div className="tpl-name">
                {t.name}
                {t.origin === 'user' && <span className="tpl-badge">我的</span>}
              </div>
              <div className="tpl-roles">{t.sections.map((s) => s.role).join('—')}</div>
            </div>
          ))}
          {errors.map((e) => (
            <div key={e.file} className="tpl-error" title={e.message}>
              ⚠ {e.message}
            </div>
          ))}
        </div>
        <div className="tpl-preview" data-testid="template-preview">
          {preview && preview.id === selected ? (
            <>
              <div className="tpl-desc">{preview.summary.description}</div>
              <div className="tpl-title-pattern">标题：{preview.summary.titlePattern}</div>
              <div className="tpl-outline">
                {preview.outline.map((l, i) => (
                  <div key={i} className={l.startsWith('  ') ? 'tpl-l2' : 'tpl-l1'}>
                    {l.trim()}
                  </div>
                ))}
              </div>
              <div className="tpl-meta">范文 {preview.summary.exampleCount} 段，写作时在「范文」面板查看、插入。</div>
            </>
          ) : (
            <div className="empty-hint">选择左侧模板查看提纲。</div>
          )}
          <label className="field">
            <span>文稿名称（可不填）</span>
            <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder={preview ? `新文稿（${preview.summary.name}）` : ''} />
          </label>
        </div>
      </div>
    </Dialog>
  );
}
