// 页面视图 in the editor: a toggle that marks where the 清稿's pages break (the grid estimate, core/layout/pages)
// with a dashed line and 「第 N 页」 over the text. The marks are an overlay on the editor's page (never part of
// the text): placed at the block a page starts with, or part way down a paragraph that runs over a page.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { DOCX_LAYOUT_SETTINGS_KEY } from '../../contract/docx';
import type { GongwenLayoutPatch } from '../../core/layout/gongwen';
import { estimatePages } from '../../core/layout/pages';
import { ToolButton } from '../app/ToolButton';
import { useWorkbench } from '../workbench/context';
import './print.css';

interface Mark {
  page: number;
  top: number;
}

export function PageBreaksAction() {
  const { doc, docVersion, settings, draft } = useWorkbench();
  const [on, setOn] = useState(false);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [host, setHost] = useState<HTMLElement | null>(null);
  const layout = settings[DOCX_LAYOUT_SETTINGS_KEY] as GongwenLayoutPatch | undefined;

  useEffect(() => {
    if (!on || !draft) {
      setMarks([]);
      return;
    }
    const page = document.querySelector<HTMLElement>('#page-scroll .page');
    setHost(page);
    if (!page) return;
    page.classList.add('pv-host');
    const est = estimatePages(doc, layout);
    const lines = new Map(est.blocks.map((b) => [b.blockIndex, b.lines - b.spaceBefore]));
    let frame = 0;
    const place = () => {
      frame = 0;
      const els = page.querySelectorAll<HTMLElement>('.speech-editable [data-slate-node="element"]');
      const origin = page.getBoundingClientRect().top;
      const out: Mark[] = [];
      for (const s of est.pageStarts) {
        const el = els[s.blockIndex];
        if (!el) continue;
        const r = el.getBoundingClientRect();
        out.push({ page: s.page, top: r.top - origin + (s.line > 0 ? (r.height * s.line) / (lines.get(s.blockIndex) || 1) : 0) });
      }
      setMarks(out);
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    later();
    const scroller = document.getElementById('page-scroll');
    scroller?.addEventListener('scroll', later, { passive: true });
    window.addEventListener('resize', later);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      scroller?.removeEventListener('scroll', later);
      window.removeEventListener('resize', later);
      page.classList.remove('pv-host');
    };
  }, [on, draft, doc, docVersion, layout]);

  return (
    <>
      <ToolButton label="页面视图" title="在文中标出导出 Word（清稿）时的分页" testId="page-view" active={on} disabled={!draft} onRun={() => setOn((v) => !v)} />
      {on &&
        host &&
        createPortal(
          marks.map((m) => (
            <div key={m.page} className="pv-break" style={{ top: m.top }} data-testid="page-break" aria-hidden="true">
              <span>第 {m.page} 页</span>
            </div>
          )),
          host,
        )}
    </>
  );
}
