// The 导出 Word toolbar button (the Electron menu's 文件 → 导出 Word…, Ctrl+E, is answered by MenuCommands).
import { createElement } from 'react';
import { ToolButton } from '../app/ToolButton';
import { useWorkbench } from '../workbench/context';
import { ExportDialog } from './ExportDialog';

export function ExportAction() {
  const { openModal, draft } = useWorkbench();
  return (
    <ToolButton
      label="导出 Word"
      title="导出 Word：清稿、审阅稿（查重批注）、修订稿（修订标记），公文格式"
      testId="docx-export"
      disabled={!draft}
      onRun={() => openModal(createElement(ExportDialog))}
    />
  );
}
