// The lines of a cleaning report (清理报告): where, what was done, and the text removed (cut at 40 characters).
import { CLEANING_LABELS, type Cleaning } from '../../core/text/index';

export function CleaningLines({ cleanings }: { cleanings: Cleaning[] }) {
  return (
    <>
      {cleanings.map((c, i) => (
        <div key={i} className="c">
          第{c.line}行 {CLEANING_LABELS[c.kind]}
          {c.original.trim() && <code>{c.original.length > 40 ? c.original.slice(0, 40) + '…' : c.original}</code>}
        </div>
      ))}
    </>
  );
}
