// The 保存版本 toolbar button: name the current text (初稿、送审稿…) and keep it as a version.
import { createElement } from 'react';
import { PromptDialog } from '../app/dialogs';
import { ToolButton } from '../app/ToolButton';
import { useShell, useWorkbench } from '../workbench/context';
import { fmtNum } from './format';

export function SaveVersionAction() {
  const { api, draft, notify, openModal, emit } = useWorkbench();
  const { autosaver } = useShell();
  const open = () => {
    if (!draft) return;
    const draftId = draft.id;
    openModal(
      createElement(PromptDialog, {
        title: '保存版本',
        label: '版本名称（如 初稿、送审稿、领导修改稿）',
        initial: '',
        okLabel: '保存版本',
        onOk: async (label: string) => {
          await autosaver.flushOrThrow();
          const v = await api['versions.save']({ draftId, label });
          emit('versions-changed', { draftId });
          notify(`已保存版本「${v.label}」（${fmtNum(v.charCount)} 字）`, 'success');
        },
      }),
    );
  };
  return (
    <ToolButton label="保存版本" title="保存版本：给当前文本起名（初稿、送审稿…）留存，可随时比较、恢复；在右侧「版本」中查看" testId="save-version-tool" disabled={!draft} onRun={open} />
  );
}
