// Before export: the check list of core/exportcheck for the current text, each item a link to its block.
// The dialog's button then reads 「仍然导出」.
import { EXPORT_CHECK_LABELS, type ExportCheck } from '../../core/exportcheck/index';

export function ExportChecks({ checks, onJump }: { checks: ExportCheck[]; onJump(c: ExportCheck): void }) {
  if (!checks.length) return null;
  return (
    <div className="docx-checks" data-testid="docx-export-checks">
      <p className="docx-checks-head">导出前检查：还有 {checks.length} 处需要处理（点击定位到原文）</p>
      <ul>
        {checks.slice(0, 50).map((c, i) => (
          <li key={i}>
            <button type="button" className="docx-check" data-testid="docx-export-check" data-kind={c.kind} disabled={c.blockIndex === undefined} onClick={() => onJump(c)}>
              <b>{EXPORT_CHECK_LABELS[c.kind]}</b> {c.message}
            </button>
          </li>
        ))}
        {checks.length > 50 && <li className="docx-check-more">另有 {checks.length - 50} 处未列出</li>}
      </ul>
    </div>
  );
}
