// Before export: what a reviewer would catch at a glance — unfilled ×× placeholders, empty sections, template
// guidance never written, lint errors, and (when 校对 exists) its findings — as one list, in document order,
// each pointing at its block. The export dialog and `speechdraft export` show the same list.
import { Blocks } from '../model/block';
import { lintDoc, type LintTemplate } from '../outline/lint';
import type { SpeechDoc } from '../model/types';

export type ExportCheckKind = 'placeholder' | 'empty-section' | 'guidance' | 'lint' | 'proofread';

export const EXPORT_CHECK_LABELS: Record<ExportCheckKind, string> = {
  placeholder: '未填的××',
  'empty-section': '空章节',
  guidance: '模板提示未填',
  lint: '格式错误',
  proofread: '校对',
};

export interface ExportCheck {
  kind: ExportCheckKind;
  /** Chinese, for the writer. */
  message: string;
  blockIndex?: number;
  offset?: number;
  length?: number;
}

export interface ExportCheckSources {
  /** The draft's template, for the lint rules that compare with it. */
  template?: LintTemplate | null;
  /**
   * 校对 findings (core/proofread), already as checks: the place where they join the list. Pass them here
   * (kind 'proofread') once the proofreader reports them; nothing else needs to change.
   */
  proofread?: readonly ExportCheck[];
}

/** ×× (or XX, ＸＸ) left from a template, and blanks to fill in (___). */
const PLACEHOLDER_RE = /×{2,}|[XＸ]{2,}|[＿_]{3,}|〇{2,}|○{2,}/g;

export function placeholderChecks(doc: SpeechDoc): ExportCheck[] {
  const out: ExportCheck[] = [];
  doc.blocks.forEach((b, i) => {
    const text = Blocks.text(b);
    for (const m of text.matchAll(PLACEHOLDER_RE)) {
      const around = text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8);
      out.push({ kind: 'placeholder', message: `「${m[0]}」：…${around}…`, blockIndex: i, offset: m.index, length: m[0].length });
    }
  });
  return out;
}

/** Body blocks still showing only their template guidance (headings without body are lint's empty sections). */
export function guidanceChecks(doc: SpeechDoc): ExportCheck[] {
  const out: ExportCheck[] = [];
  doc.blocks.forEach((b, i) => {
    if (!b.guidance || b.type === 'heading' || !Blocks.isEmpty(b)) return;
    out.push({ kind: 'guidance', message: `这一段只有灰色提示「${b.guidance.slice(0, 30)}」`, blockIndex: i, offset: 0, length: 0 });
  });
  return out;
}

export function exportChecks(doc: SpeechDoc, sources: ExportCheckSources = {}): ExportCheck[] {
  const lint: ExportCheck[] = [];
  for (const f of lintDoc(doc, { template: sources.template ?? null })) {
    // Empty sections at any severity; other lint findings when they are errors.
    const kind: ExportCheckKind | null = f.kind === 'empty-section' ? 'empty-section' : f.severity === 'error' ? 'lint' : null;
    if (!kind || f.blockIndex === undefined) continue;
    lint.push({ kind, message: f.message, blockIndex: f.blockIndex, offset: f.offset, length: f.length });
  }
  const all = [...placeholderChecks(doc), ...lint, ...guidanceChecks(doc), ...(sources.proofread ?? [])];
  return all
    .map((c, k) => ({ c, k }))
    .sort((x, y) => (x.c.blockIndex ?? Infinity) - (y.c.blockIndex ?? Infinity) || (x.c.offset ?? 0) - (y.c.offset ?? 0) || x.k - y.k)
    .map((x) => x.c);
}

/** One line per check, for the CLI: 「第3段 未填的××：…」. */
export function formatExportCheck(c: ExportCheck): string {
  const where = c.blockIndex === undefined ? '' : `第${c.blockIndex + 1}段 `;
  return `${where}${EXPORT_CHECK_LABELS[c.kind]}：${c.message}`;
}
