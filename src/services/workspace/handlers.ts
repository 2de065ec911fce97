import type { HandlersOf } from '../../contract/define';
import type { draftImportContract, draftsContract } from '../../contract/drafts';
import { Docs } from '../../core/model/block';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';
import { docxRevisionCounts } from '../docx/import';
import { readFamilyOrigin } from '../docx/family';

export function draftHandlers(ctx: ServiceContext): HandlersOf<typeof draftsContract & typeof draftImportContract> {
  const { drafts, settings, layout } = ctx;
  return {
    'workspace.info': async () => ({ dir: layout.dir, draftsDir: layout.draftsDir, trashDir: layout.trashDir }),
    'drafts.list': () => drafts.list(),
    'drafts.get': ({ id }) => drafts.get(id),
    'drafts.create': ({ name, doc, templateId }) => drafts.create({ name, doc, templateId }),
    'drafts.save': ({ id, doc, baseRevision }) => drafts.save(id, doc, baseRevision),
    'drafts.rename': ({ id, name }) => drafts.rename(id, name),
    'drafts.setMeta': ({ id, ...patch }) => drafts.setMeta(id, patch),
    'drafts.duplicate': ({ id }) => drafts.duplicate(id),
    'drafts.delete': ({ id }) => drafts.delete(id),
    'drafts.listTrash': () => drafts.listTrash(),
    'drafts.restore': ({ trashId }) => drafts.restore(trashId),
    'drafts.importFile': async ({ name, dataBase64, revisions }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      const read = await readDocument(name, bytes, { revisions });
      const base = name.replace(/\.[^.]+$/, '');
      // Named after its title (and following it) when it has one, else after the file; a re-import of a
      // draft's own export joins that draft's family.
      const origin = await readFamilyOrigin(name, bytes);
      const d = await drafts.create(Docs.title(read.doc) ? { doc: read.doc, origin } : { name: base, doc: read.doc, origin });
      return { ...d, notes: read.notes };
    },
    'drafts.fileRevisions': ({ name, dataBase64 }) =>
      /\.docx$/i.test(name) ? docxRevisionCounts(Buffer.from(dataBase64, 'base64'), name) : Promise.resolve({ insertions: 0, deletions: 0, formatChanges: 0 }),
    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),
  };
}
