// The 页面视图/打印 toolbar button and its shortcut, Ctrl+P (the browser's own print would print the editor).
import { createElement, useEffect } from 'react';
import { ToolButton } from '../app/ToolButton';
import { useWorkbench } from '../workbench/context';
import { PrintDialog } from './PrintDialog';

export function PrintAction() {
  const { openModal, draft } = useWorkbench();
  useEffect(() => {
    if (!draft) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'p' || e.key === 'P')) {
        e.preventDefault();
        openModal(createElement(PrintDialog));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, openModal]);
  return <ToolButton label="打印" title="页面视图、打印、导出 PDF（清稿或念稿版，Ctrl+P）" testId="print-open" disabled={!draft} onRun={() => openModal(createElement(PrintDialog))} />;
}
