import type { Finding } from '../../core/outline/lint';
import type { InputOf } from '../../contract/define';
import type { Contract } from '../../contract/index';
import { resolveInput } from '../../services/inputs/resolve';
import { call, type CliCommand, type CliIo } from '../command';

/**
 * FILE → the source object of outline.extract / lint.draft, by the one resolver: a .txt file's text, the
 * blocks `open` makes of a .docx/.html file, a draft .json's document, a draft id, or ID@VERSION.
 */
export async function sourceOf(io: CliIo, arg: string | undefined): Promise<InputOf<Contract['outline.extract']>> {
  const input = await resolveInput(arg, async () => (await io.services()).ctx);
  switch (input.kind) {
    case 'file':
      return input.structured ? { doc: input.doc } : { text: input.text };
    case 'draft':
      return { draftId: input.draftId };
    default:
      return { doc: input.doc };
  }
}

/** `行:列` of an offset (1-based), as editors show it. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `${line}:${offset - last}`;
}

export const outlineCommand: CliCommand = {
  name: 'outline',
  usage: 'speechdraft outline FILE|DRAFT_ID [--json]   (FILE: .txt, .docx, .html, a draft .json, or ID@VERSION)',
  async run(io) {
    const r = await call(io, 'outline.extract', await sourceOf(io, io.positionals[0]));
    if (io.json) return io.outJson(r.pieces.length === 1 ? r.pieces[0].outline : { pieces: r.pieces });
    for (const p of r.pieces) {
      const o = p.outline;
      if (r.pieces.length > 1) io.out(`==== ${p.label ?? '（前言）'} ====`);
      io.out(`标题 title: ${o.title ?? '（无）'}`);
      if (o.speaker || o.date) io.out(`署名 byline: ${o.speaker ?? ''} ${o.date ?? ''}`.trimEnd());
      io.out(`称谓 salutation: ${o.salutation ?? '（无）'}`);
      for (const h of o.headings) {
        const role = h.role ? `  [${h.role} ${h.roleConfidence?.toFixed(2)}]` : '';
        io.out(`${'  '.repeat(h.level)}${h.numbering}${h.text}${role}`);
      }
      if (o.enumerations.length) {
        io.out('列举 enumerations:');
        for (const e of o.enumerations) io.out(`  ${e.kind}（${e.scope === 'inline' ? '段内' : '段首'}）${e.items.map((i) => i.marker.replace(/[，,、：:]$/u, '')).join(' ')}  @${lineCol(r.text, e.start)}`);
      }
    }
  },
};

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

export const lintCommand: CliCommand = {
  name: 'lint',
  usage: 'speechdraft lint FILE|DRAFT_ID [--json]   (exit 1 when errors are found)',
  async run(io) {
    const r = await call(io, 'lint.draft', await sourceOf(io, io.positionals[0]));
    if (io.json) io.outJson(r.findings);
    else if (r.findings.length === 0) io.out('未发现结构问题 no findings');
    else {
      for (const f of r.findings) {
        const where = f.start !== undefined && r.text !== undefined ? lineCol(r.text, f.start) : `第${(f.blockIndex ?? 0) + 1}段:${(f.offset ?? 0) + 1}`;
        io.out(`${where}  ${SEVERITY[f.severity]} ${f.kind}  ${f.message}`);
      }
    }
    return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

export const templatesCommand: CliCommand = {
  name: 'templates',
  usage: 'speechdraft templates [--json]',
  async run(io) {
    const r = await call(io, 'templates.list', {});
    if (io.json) io.outJson(r);
    else {
      for (const t of r.templates) {
        io.out(`${t.id}  ${t.name}${t.origin === 'user' ? '（用户模板）' : ''}  ${t.sections.map((s) => s.role).join('—')}  范文${t.exampleCount}段`);
      }
      for (const e of r.errors) io.err(`模板错误 ${e.message}`);
    }
    return r.errors.length ? 1 : 0;
  },
};
