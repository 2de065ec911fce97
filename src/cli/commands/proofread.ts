import { PROOF_KIND_NAMES, PROOF_KINDS } from '../../core/proofread/types';
import { call, type CliCommand } from '../command';
import { lineCol, sourceOf } from './outline';

export const proofreadCommand: CliCommand = {
  name: 'proofread',
  usage: 'speechdraft proofread FILE|DRAFT_ID [--json]   (FILE: .txt, .docx, .html, a draft .json, or ID@VERSION; exit 1 when findings are found)',
  async run(io) {
    // FILE | ID | ID@VERSION | draft .json through the one resolver, as outline and lint take them.
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
