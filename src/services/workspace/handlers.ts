import type { HandlersOf } from '../../contract/define';
import type { draftImportContract, draftsContract } from '../../contract/drafts';
import { Docs } from '../../core/model/block';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';

export function draftHandlers(ctx: ServiceContext): HandlersOf<typeof draftsContract & typeof draftImportContract> {
  const { drafts, settings, layout } = ctx;
  return {
    'workspace.info': async () => ({ dir: layout.dir, draftsDir: layout.draftsDir, trashDir: layout.trashDir }),
    'drafts.list': () => drafts.list(),
    'drafts.get': ({ id }) => drafts.get(id),
    'drafts.create': ({ name, doc, templateId }) => drafts.create({ name, doc, templateId }),
    'drafts.save': ({ id, doc, baseRevision }) => drafts.save(id, doc, baseRevision),
    'drafts.rename': ({ id, name }) => drafts.rename(id, name),
    'drafts.duplicate': ({ id }) => drafts.duplicate(id),
    'drafts.delete': ({ id }) => drafts.delete(id),
    'drafts.listTrash': () => drafts.listTrash(),
    'drafts.restore': ({ trashId }) => drafts.restore(trashId),
    'drafts.importFile': async ({ name, dataBase64, revisions }) => {
      const read = await readDocument(name, Buffer.from(dataBase64, 'base64'), { revisions });
      const base = name.replace(/\.[^.]+$/, '');
      const d = await drafts.create({ name: Docs.title(read.doc) || base, doc: read.doc });
      return { ...d, notes: read.notes };
    },
    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),
  };
}
