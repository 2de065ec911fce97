import { PROOF_KIND_NAMES, PROOF_KINDS } from '../../core/proofread/types';
import { call, type CliCommand } from '../command';
import { sourceOf } from './outline';

/** `行:列` of an offset (1-based), as editors show it. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `${line}:${offset - last}`;
}

export const proofreadCommand: CliCommand = {
  name: 'proofread',
  summary: '校对（错别字、规范提法、数字用法、标点、重复字词）proofread',
  usage: 'speechdraft proofread FILE|DRAFT_ID [--json]   (FILE: .txt, .docx, or a draft .json; exit 1 when findings are found)',
  async run(io) {
    // Reading FILE|ID is the outline command's (one call, so that a shared input resolver can replace it).
    const r = await call(io, 'proofread.check', await sourceOf(io, io.positionals[0]));
    if (io.json) io.outJson(r.findings);
    else if (r.findings.length === 0) io.out('未发现校对问题 no findings');
    else {
      for (const kind of PROOF_KINDS) {
        const mine = r.findings.filter((f) => f.kind === kind);
        if (!mine.length) continue;
        io.out(`== ${PROOF_KIND_NAMES[kind]}（${mine.length}）`);
        for (const f of mine) io.out(`${lineCol(r.text, f.start)}  ${f.message}${f.fix !== null ? `  → ${f.fix === '' ? '（删除）' : f.fix}` : ''}`);
      }
    }
    return r.findings.length ? 1 : 0;
  },
};
