// 页数 in the status bar: the 清稿's pages on the saved layout's grid (core/layout/pages), as `speechdraft stats`.
import { useMemo } from 'react';
import { DOCX_LAYOUT_SETTINGS_KEY } from '../../contract/docx';
import type { GongwenLayoutPatch } from '../../core/layout/gongwen';
import { estimatePages } from '../../core/layout/pages';
import { useWorkbench } from '../workbench/context';

export function PageCount() {
  const { doc, docVersion, settings } = useWorkbench();
  const layout = settings[DOCX_LAYOUT_SETTINGS_KEY] as GongwenLayoutPatch | undefined;
  const pages = useMemo(() => {
    void docVersion;
    return estimatePages(doc, layout).pages;
  }, [doc, docVersion, layout]);
  return (
    <span data-testid="page-count" title="导出 Word（公文版式，每页 22 行、每行 28 字）的页数估算">
      约 {pages} 页
    </span>
  );
}
