import './templates.css';
import { useMemo } from 'react';
import { Blocks } from '../../core/model/block';
import { classifyRole } from '../../core/outline/roles';
import { exampleBlocks, sectionAt, OPENING_ID, CLOSING_ID, type Template, type TemplateExample } from '../../core/templates/index';
import { useCaretBlockIndex } from '../editor/hooks';
import { useWorkbench } from '../workbench/context';
import { useAllTemplates, useTemplate } from './useTemplate';

interface Shown {
  template: Template;
  sectionLabel: string;
  examples: TemplateExample[];
  /** 写作提示 and 过渡语 of the section (for a draft made from this template). */
  guidance?: string;
  transitions?: string[];
}

/** 范文: the current section's example passages; one click inserts one, remembering its source. */
export function ExamplesPanel() {
  const wb = useWorkbench();
  const { api, draft, doc, docVersion, editor, insertBlocks, notify } = wb;
  const own = useTemplate(api, draft?.templateId);
  const all = useAllTemplates(api);
  // No caret yet: the first block's section (the opening).
  const caret = Math.max(0, useCaretBlockIndex(editor));

  const shown = useMemo<Shown[]>(() => {
    void docVersion;
    if (!draft || doc.blocks.length === 0) return [];
    const at = sectionAt(doc, caret);
    const parts = (t: Template) => [
      { id: OPENING_ID, label: '开场', role: '开场', ex: t.opening.examples, part: t.opening },
      ...t.sections.map((s) => ({ id: s.id, label: s.heading, role: s.role as string, ex: s.examples, part: s })),
      { id: CLOSING_ID, label: '结尾', role: '结尾', ex: t.closing.examples, part: t.closing },
    ];
    if (own && at.sectionId) {
      const p = parts(own).find((x) => x.id === at.sectionId);
      if (p) return [{ template: own, sectionLabel: p.label, examples: p.ex, guidance: p.part.guidance, transitions: p.part.transitions }];
    }
    // Not from a template (or a section added by hand): examples of the same role in every template.
    let role = at.role;
    if (!role && at.headingIndex !== null) {
      const h = doc.blocks[at.headingIndex];
      const body = doc.blocks
        .slice(at.headingIndex + 1, at.headingIndex + 6)
        .map((b) => Blocks.text(b))
        .join('\n');
      role = classifyRole(Blocks.text(h), body).role;
    }
    if (!role) return [];
    return all
      .map((t) => {
        const ex = parts(t).filter((p) => p.role === role).flatMap((p) => p.ex);
        return { template: t, sectionLabel: role!, examples: ex };
      })
      .filter((s) => s.examples.length > 0);
  }, [draft, doc, docVersion, caret, own, all]);

  if (!draft) return <div className="empty-hint">打开文稿后，这里显示光标所在部分的范文。</div>;
  const insert = (t: Template, exId: string) => {
    const blocks = exampleBlocks(t, exId);
    if (!blocks) return;
    insertBlocks(blocks);
    notify('已插入范文，并记下出处', 'success');
  };
  return (
    <div className="examples" data-testid="examples-panel">
      {shown.length === 0 && <div className="empty-hint">光标所在部分没有范文。把光标放到模板生成的某一部分（如“一、……”下面）即可看到。</div>}
      {shown.map((s) => (
        <div key={s.template.id} className="examples-group">
          <div className="examples-head">
            {s.template.name} · {s.sectionLabel}
          </div>
          {s.guidance && <div className="examples-guidance">{s.guidance}</div>}
          {s.transitions && s.transitions.length > 0 && <div className="examples-transitions">过渡语：{s.transitions.join(' / ')}</div>}
          {s.examples.map((ex) => (
            <div key={ex.id} className="example" data-example-id={`${s.template.id}#${ex.id}`}>
              <div className="example-text">{ex.text}</div>
              <div className="example-foot">
                <span className="example-src" title={ex.note ?? ''}>
                  {ex.source.title}
                  {ex.source.paragraph ? ` 第${ex.source.paragraph}段` : ''}
                </span>
                <button className="btn btn-sm" onClick={() => insert(s.template, ex.id)}>
                  插入
                </button>
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
