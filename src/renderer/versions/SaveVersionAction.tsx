// The 保存版本 toolbar button: name the current text (初稿、送审稿…) and keep it as a version (saveVersion is shared with the 版本 panel).
import { createElement } from 'react';
import { PromptDialog } from '../app/dialogs';
import { ToolButton } from '../app/ToolButton';
import { useWorkbench, type Workbench } from '../workbench/context';
import { fmtNum } from './format';

/** Save what is typed so far (or refuse), keep it as version `label`, and tell the 版本 panel and the writer. */
export async function saveVersion(wb: Workbench, draftId: string, label: string): Promise<void> {
  await wb.ensureSaved();
  const v = await wb.api['versions.save']({ draftId, label });
  wb.emit('versions-changed', { draftId });
  wb.notify(`已保存版本「${v.label}」（${fmtNum(v.charCount)} 字）`, 'success');
}

export function SaveVersionAction() {
  const wb = useWorkbench();
  const { draft, openModal } = wb;
  const open = () => {
    if (!draft) return;
    const draftId = draft.id;
    openModal(
      createElement(PromptDialog, {
        title: '保存版本',
        label: '版本名称（如 初稿、送审稿、领导修改稿）',
        initial: '',
        okLabel: '保存版本',
        onOk: (label: string) => saveVersion(wb, draftId, label),
      }),
    );
  };
  return (
    <ToolButton label="保存版本" title="保存版本：给当前文本起名（初稿、送审稿…）留存，可随时比较、恢复；在右侧「版本」中查看" testId="save-version-tool" disabled={!draft} onRun={open} />
  );
}
