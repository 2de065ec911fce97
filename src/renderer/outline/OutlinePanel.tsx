import { useMemo } from 'react';
import { headingNumbers } from '../../core/model/numbering';
import { Blocks } from '../../core/model/block';
import { useCaretBlockIndex } from '../editor/hooks';
import { useWorkbench } from '../workbench/context';

/** 导航: the title and every heading with its generated number; click to go there. */
export function OutlinePanel() {
  const { doc, docVersion, jumpTo, draft, editor } = useWorkbench();
  const caret = useCaretBlockIndex(editor);
  const items = useMemo(() => {
    void docVersion;
    const nums = headingNumbers(doc.blocks);
    const out: { index: number; level: number; number: string; text: string; empty: boolean }[] = [];
    doc.blocks.forEach((b, i) => {
      if (b.type === 'heading') out.push({ index: i, level: b.level ?? 1, number: nums[i] ?? '', text: Blocks.text(b) || b.guidance || '（空标题）', empty: !Blocks.text(b) });
      else if (b.type === 'title') out.push({ index: i, level: 0, number: '', text: Blocks.text(b) || '（标题）', empty: !Blocks.text(b) });
    });
    return out;
  }, [doc, docVersion]);
  // The heading whose section holds the caret.
  let current = -1;
  for (const it of items) if (it.index <= caret) current = it.index;
  if (!draft) return <div className="empty-hint">打开文稿后显示提纲。</div>;
  if (items.length <= 1 && !items.some((x) => x.level > 0))
    return (
      <div className="outline">
        {items.map((it) => (
          <div key={it.index} className="outline-item outline-l0" onClick={() => jumpTo(it.index, 0, 0)}>
            {it.text}
          </div>
        ))}
        <div className="empty-hint">还没有层级标题。用 Ctrl+1…4 把段落设为一至四级标题。</div>
      </div>
    );
  return (
    <div className="outline" data-testid="outline">
      {items.map((it) => (
        <div
          key={it.index}
          className={`outline-item outline-l${it.level}${it.empty ? ' outline-placeholder' : ''}${it.index === current ? ' current' : ''}`}
          title={it.text}
          onClick={() => jumpTo(it.index, 0, doc.blocks[it.index] ? Blocks.text(doc.blocks[it.index]).length : 0)}
        >
          {it.number && <span className="outline-num">{it.number}</span>}
          <span className="outline-text">{it.text}</span>
        </div>
      ))}
    </div>
  );
}
