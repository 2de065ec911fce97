import { createElement } from 'react';
import { PromptDialog } from '../app/dialogs';
import type { Workbench } from '../workbench/context';
import { NewFromTemplateDialog } from './NewFromTemplateDialog';

export function openNewFromTemplate(wb: Workbench): void {
  wb.openModal(createElement(NewFromTemplateDialog));
}

/** 另存为模板: the current draft's outline becomes a user template in the workspace. */
export function saveAsTemplate(wb: Workbench): void {
  if (!wb.draft) {
    wb.notify('请先打开一篇文稿', 'warning');
    return;
  }
  const doc = { blocks: wb.editor.children as Workbench['doc']['blocks'] };
  wb.openModal(
    createElement(PromptDialog, {
      title: '另存为模板',
      label: '模板名称',
      initial: wb.draft.name,
      okLabel: '保存模板',
      // A failure is shown by the dialog, which stays open.
      onOk: async (name: string) => {
        const t = await wb.api['templates.saveFromDraft']({ doc, name });
        wb.notify(`已保存模板「${t.name}」（${t.sections.length} 个部分），新建时可选用`, 'success');
      },
    }),
  );
}
