// The 导出 Word toolbar button; also answers the Electron menu's 文件 → 导出 Word… (draft.export, Ctrl+E).
import { createElement, useEffect } from 'react';
import { ToolButton } from '../app/ToolButton';
import { useWorkbench } from '../workbench/context';
import { ExportDialog } from './ExportDialog';

export function ExportAction() {
  const wb = useWorkbench();
  const { openModal, draft, notify } = wb;
  const open = () => {
    if (!draft) {
      notify('请先打开一篇文稿再导出');
      return;
    }
    openModal(createElement(ExportDialog));
  };
  useEffect(() => {
    const off = window.speechdraft?.onMenuCommand?.((cmd) => {
      if (cmd === 'draft.export') open();
    });
    return () => off?.();
  });
  return (
    <ToolButton label="导出 Word" title="导出 Word：清稿、审阅稿（查重批注）、修订稿（修订标记），公文格式" testId="docx-export" disabled={!draft} onRun={open} />
  );
}
