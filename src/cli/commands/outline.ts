import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { Finding } from '../../core/outline/lint';
import type { InputOf } from '../../contract/define';
import type { Contract } from '../../contract/index';
import { parseJsonText } from '../../services/workspace/jsonFile';
import { STORE_ID_RE } from '../../services/workspace/keyedLock';
import { call, type CliCommand, type CliIo } from '../command';
import { readPayload } from './drafts';
import { readUserFile } from '../../services/workspace/safeRead';

/**
 * FILE → the source object of outline.extract / lint.draft: a .txt/.docx file, a draft .json file, or a draft id.
 * A .json file's `doc` is passed on unchecked: `call` validates it with the contract's schema.
 */
async function sourceOf(io: CliIo, arg: string | undefined): Promise<InputOf<Contract['outline.extract']>> {
  if (!arg) throw new ApiError('invalid-input', '请给出文件路径或文稿编号 (missing FILE or draft id)');
  if (existsSync(arg)) {
    if (path.extname(arg).toLowerCase() === '.json') {
      let raw: { doc?: unknown; id?: unknown };
      try {
        raw = parseJsonText((await readUserFile(arg)).toString('utf8')) as { doc?: unknown };
      } catch (err) {
        throw new ApiError('invalid-input', `不是有效的文稿文件：${arg}`, (err as Error).message);
      }
      if (!raw || typeof raw !== 'object' || !raw.doc) throw new ApiError('invalid-input', `不是文稿文件（缺少 doc 字段）：${arg}`);
      return { doc: raw.doc as InputOf<Contract['outline.extract']>['doc'] };
    }
    return { file: await readPayload(arg) };
  }
  if (STORE_ID_RE.test(arg) && !/\.(txt|docx|json|md)$/iu.test(arg)) {
    await io.services();
    return { draftId: arg };
  }
  throw new ApiError('not-found', `找不到文件：${arg}`);
}

function lineCol(text: string, offset: number): string {
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
  summary: '提取讲话提纲（标题、署名、称谓、各级标题及其作用、列举）extract the outline',
  usage: 'speechdraft outline FILE|DRAFT_ID [--json]   (FILE: .txt, .docx, or a draft .json)',
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
  summary: '检查讲话结构（编号、层级、标题标点、空节、模板）check the structure',
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
  summary: '列出提纲模板 list outline templates',
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
