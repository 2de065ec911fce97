import './templates.css';
import { useEffect, useState } from 'react';
import { lintDoc, type Finding } from '../../core/outline/lint';
import { docPunctuationEdits } from '../../core/proofread/punctuation';
import { useWorkbench } from '../workbench/context';
import { applyPunctuationFix } from './fixPunctuation';
import { useTemplate } from './useTemplate';

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

/** 检查: structure findings of the current draft (numbering, levels, heading punctuation, empty sections, template); click to jump. */
export function LintPanel() {
  const { api, draft, doc, docVersion, editor, isComposing, notify, jumpTo, setDecorations } = useWorkbench();
  const template = useTemplate(api, draft?.templateId);
  const [findings, setFindings] = useState<Finding[]>([]);
  useEffect(() => {
    // Cheap (pure, in the renderer), but wait until typing pauses.
    const t = setTimeout(() => setFindings(draft ? lintDoc(doc, { template }) : []), 300);
    return () => clearTimeout(t);
  }, [draft, doc, docVersion, template]);
  // While the panel is open, the findings are also marked in the text (wavy underline, message on hover).
  useEffect(() => {
    setDecorations(
      'lint',
      findings
        .filter((f) => f.blockIndex !== undefined && (f.length ?? 0) > 0 && f.severity !== 'info')
        .map((f) => ({ blockIndex: f.blockIndex!, start: f.offset ?? 0, end: (f.offset ?? 0) + (f.length ?? 0), className: `lint-mark lint-mark-${f.severity}`, title: f.message })),
    );
  }, [findings, setDecorations]);
  useEffect(() => () => setDecorations('lint', []), [setDecorations]);
  if (!draft) return <div className="empty-hint">打开文稿后检查结构。</div>;
  // Half-width punctuation is a 校对 finding now; the one-click fix for the whole draft stays here.
  const halfWidth = new Set(docPunctuationEdits(doc).map((e) => e.blockIndex)).size;
  const fixPunctuation = () => {
    // Never during an IME composition: the editor's text is not settled then.
    if (isComposing()) return notify('正在输入中文，请输入完成后再统一标点', 'warning');
    const n = applyPunctuationFix(editor);
    notify(n ? `已将${n}处半角标点改为全角（可撤销）` : '没有需要修改的半角标点', n ? 'success' : 'info');
  };
  return (
    <div className="lint" data-testid="lint-panel">
      {findings.length === 0 ? (
        <div className="empty-hint">未发现结构问题。</div>
      ) : (
        <div className="lint-count">
          共 {findings.length} 条（错误 {findings.filter((f) => f.severity === 'error').length}，警告 {findings.filter((f) => f.severity === 'warning').length}）
        </div>
      )}
      {halfWidth > 0 && (
        <button type="button" className="lint-fix" data-testid="lint-fix-punctuation" title="把中文文本中的半角标点改为全角（可撤销）" onClick={fixPunctuation}>
          统一为全角标点（{halfWidth}段）
        </button>
      )}
      {findings.map((f, i) => (
        <div
          key={i}
          className={`lint-item lint-${f.severity}`}
          data-kind={f.kind}
          title="点击跳到此处"
          onClick={() => f.blockIndex !== undefined && jumpTo(f.blockIndex, f.offset ?? 0, f.length ?? 0)}
        >
          <span className="lint-sev">{SEVERITY[f.severity]}</span>
          <span className="lint-msg">{f.message}</span>
        </div>
      ))}
    </div>
  );
}
