// The paginated rendering of the 清稿 or 念稿版 (页面视图, print, PDF): A4 pages in the 公文 layout, broken where
// the grid estimate breaks them (core/layout/pagination), page numbers, the 念稿版's time marks in the margin.
import type { CSSProperties } from 'react';
import type { GongwenLayout } from '../../core/layout/gongwen';
import { layoutMetrics } from '../../core/layout/gongwen';
import type { RenderedPage } from '../../core/layout/pagination';

/** CSS font stacks: the 公文 font named in the layout, then what this computer may have instead. */
const FALLBACKS: Record<string, string> = {
  仿宋_GB2312: "'仿宋', 'FangSong', 'FandolFang', 'STFangsong', serif",
  楷体_GB2312: "'楷体', 'KaiTi', 'FandolKai', 'AR PL UKai CN', 'STKaiti', serif",
  方正小标宋简体: "'华文中宋', 'STZhongsong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif",
  黑体: "'SimHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  宋体: "'SimSun', 'FandolSong', 'Noto Serif CJK SC', serif",
};
const stack = (name: string) => `'${name}', ${FALLBACKS[name] ?? 'serif'}`;

export function PagedDocument({ pages, layout, marks }: { pages: RenderedPage[]; layout: GongwenLayout; marks?: Map<number, number[]> }) {
  const m = layoutMetrics(layout);
  const f = layout.fonts;
  const pitch = `${m.linePitchPt}pt`;
  const pageStyle: CSSProperties = {
    paddingTop: `${layout.marginTopMm}mm`,
    paddingBottom: `${layout.marginBottomMm}mm`,
    paddingLeft: `${layout.marginLeftMm}mm`,
    paddingRight: `${layout.marginRightMm}mm`,
    fontSize: `${layout.bodySizePt}pt`,
    lineHeight: pitch,
    fontFamily: stack(f.body),
    letterSpacing: m.condensePt ? `-${m.condensePt}pt` : undefined,
  };
  const fontOf = (type: string, level?: number) =>
    type === 'title' ? f.title : type === 'byline' ? f.byline : type === 'heading' ? [f.heading1, f.heading2, f.heading3, f.heading4][(level ?? 1) - 1] : f.body;
  return (
    <div className="pg-doc" data-testid="paged-document">
      {pages.map((p) => (
        <section key={p.page} className="pg-page" style={pageStyle} data-page={p.page}>
          {p.fragments.map((fr, i) => {
            const mark = !fr.continued ? marks?.get(fr.blockIndex) : undefined;
            const style: CSSProperties = {
              fontFamily: stack(fontOf(fr.type, fr.level)),
              marginTop: fr.spaceBefore ? pitch : undefined,
              ...(fr.type === 'title' ? { fontSize: `${layout.titleSizePt}pt`, letterSpacing: 0 } : {}),
            };
            return (
              <p key={i} className={`pg-blk pg-${fr.type}${fr.level ? ` pg-h${fr.level}` : ''}${fr.continued ? ' pg-cont' : ''}`} style={style}>
                {mark && <span className="pg-mark">▶{mark.join('、')}分钟</span>}
                {fr.text}
              </p>
            );
          })}
          <div className={`pg-num ${p.page % 2 ? 'pg-num-odd' : 'pg-num-even'}`} style={{ fontFamily: stack(f.pageNumber), bottom: `${layout.marginBottomMm - 7 - 2.5}mm` }}>
            — {p.page} —
          </div>
        </section>
      ))}
    </div>
  );
}
