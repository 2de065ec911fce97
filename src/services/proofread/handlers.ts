import { ApiError, type HandlersOf } from '../../contract/define';
import type { proofreadContract } from '../../contract/proofread';
import { Blocks } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import { proofreadText } from '../../core/proofread/index';
import { markedRanges } from '../../core/reuse/marked';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';
import { libraryServicesOf } from '../library/handlers';
import { ProofWords } from './words';

const byCtx = new WeakMap<ServiceContext, ProofWords>();

export function proofWordsOf(ctx: ServiceContext): ProofWords {
  let w = byCtx.get(ctx);
  if (!w) {
    w = new ProofWords(ctx.layout.dir);
    byCtx.set(ctx, w);
  }
  return w;
}

/** The text 校对 reads of a document: one line per block (offsets map to blocks line by line). */
export function docProofText(doc: SpeechDoc): string {
  return doc.blocks.map((b) => Blocks.text(b)).join('\n');
}

export function proofreadHandlers(ctx: ServiceContext): HandlersOf<typeof proofreadContract> {
  const words = proofWordsOf(ctx);
  return {
    'proofread.check': async (src) => {
      const given = [src.draftId, src.doc, src.text, src.file].filter((x) => x !== undefined).length;
      if (given !== 1) throw new ApiError('invalid-input', '请给出且只给出一个：文稿编号、文档、文本或文件 (exactly one of draftId, doc, text, file)');
      let text: string;
      let quotes: { start: number; end: number }[] = [];
      if (src.draftId) {
        const d = await ctx.drafts.get(src.draftId);
        text = docProofText(d.doc);
        const states = await libraryServicesOf(ctx).reuse.states(src.draftId);
        quotes = markedRanges(text, states, 'quoted');
      } else if (src.doc) text = docProofText(src.doc);
      else if (src.text !== undefined) text = src.text;
      else text = (await readDocument(src.file!.name, Buffer.from(src.file!.dataBase64, 'base64'))).text;
      return { text, findings: proofreadText(text, { userWords: await words.list(), quotes }) };
    },
    'proofread.words': async () => ({ words: await words.list() }),
    'proofread.addWord': async ({ word }) => ({ words: await words.add(word) }),
    'proofread.removeWord': async ({ word }) => ({ words: await words.remove(word) }),
  };
}
