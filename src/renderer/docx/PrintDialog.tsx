// 页面视图 / 打印 (Ctrl+P): the 清稿 or 念稿版 as pages (PagedDocument), printed through the browser's print
// (window.print, also in Electron) of the same rendering; 导出 PDF prints it to a file — in Electron the main
// process does it (webContents.printToPDF, save dialog), in the browser its print dialog's 「另存为 PDF」.
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { DOCX_LAYOUT_SETTINGS_KEY } from '../../contract/docx';
import { resolveLayout, type GongwenLayoutPatch } from '../../core/layout/gongwen';
import { paginate } from '../../core/layout/pagination';
import { readingLayout, timeMarks } from '../../core/layout/reading';
import { Dialog, useBusyTask } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';
import { PagedDocument } from './PagedDocument';
import './print.css';

type PrintMode = 'clean' | 'reading';

export function PrintDialog() {
  const { doc, draft, settings, api, notify, closeModal } = useWorkbench();
  const [mode, setMode] = useState<PrintMode>('clean');
  const [busy, runTask] = useBusyTask();
  const [host] = useState(() => {
    const el = document.createElement('div');
    el.className = 'print-host';
    return el;
  });
  useEffect(() => {
    document.body.appendChild(host);
    return () => host.remove();
  }, [host]);

  const stored = settings[DOCX_LAYOUT_SETTINGS_KEY] as GongwenLayoutPatch | undefined;
  const { layout, pages, marks } = useMemo(() => {
    const l = mode === 'reading' ? readingLayout(stored) : resolveLayout(stored);
    const opts = { keepLines: mode === 'reading' };
    const cpm = settings.charsPerMinute || 220;
    return {
      layout: l,
      pages: paginate(doc, l, opts),
      marks: mode === 'reading' ? new Map(timeMarks(doc, cpm).map((t) => [t.blockIndex, t.minutes])) : undefined,
    };
  }, [doc, mode, stored, settings.charsPerMinute]);
  const rendering = <PagedDocument pages={pages} layout={layout} marks={marks} />;
  const name = `${(draft?.name || '讲稿').replace(/[\\/:*?"<>|]/g, '＿')}（${mode === 'reading' ? '念稿版' : '清稿'}）.pdf`;

  const toPdf = () =>
    runTask(async () => {
      if (window.speechdraft?.platform === 'electron') {
        const r = await api['desktop.printToPdf']({ suggestedName: name });
        if (r.saved) {
          closeModal();
          notify(`已导出 ${r.path}`, 'success');
        }
      } else {
        notify('在打印对话框中选择「另存为 PDF」');
        window.print();
      }
    });

  return (
    <Dialog
      title="页面视图 / 打印"
      testId="print-dialog"
      footer={
        <>
          <button className="btn" onClick={closeModal}>
            关闭
          </button>
          <button className="btn" data-testid="print-pdf" disabled={busy} onClick={() => void toPdf()}>
            导出 PDF
          </button>
          <button className="btn btn-primary" data-testid="print-run" onClick={() => window.print()}>
            打印
          </button>
        </>
      }
    >
      <div className="print-options">
        {(['clean', 'reading'] as const).map((m) => (
          <label key={m} className="docx-mode">
            <input type="radio" name="print-mode" checked={mode === m} onChange={() => setMode(m)} data-testid={`print-mode-${m}`} />
            <b>{m === 'reading' ? '念稿版' : '清稿'}</b>
            <small>{m === 'reading' ? '二号大字，页边每 5 分钟标时间' : '公文版式，每页 22 行、每行 28 字'}</small>
          </label>
        ))}
        <span data-testid="print-pages">共 {pages.length} 页</span>
      </div>
      <div className="print-preview">{rendering}</div>
      {createPortal(rendering, host)}
    </Dialog>
  );
}
