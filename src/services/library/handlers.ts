import type { HandlersOf } from '../../contract/define';
import type { libraryContract, reuseContract } from '../../contract/library';
import type { ServiceContext } from '../context';
import type { LibraryServices } from './services';

export type { LibraryServices } from './services';

/** The library services of a workspace (built once in createContext). */
export function libraryServicesOf(ctx: ServiceContext): LibraryServices {
  return ctx.library;
}

export function libraryHandlers(ctx: ServiceContext): HandlersOf<typeof libraryContract & typeof reuseContract> {
  const { library, reuse, importJobs } = libraryServicesOf(ctx);
  return {
    'library.list': async () => ({ docs: await library.list(), groups: library.getGroups(), damaged: [...library.damagedFiles()] }),
    'library.get': ({ id }) => library.get(id),
    'library.update': ({ id, patch }) => library.update(id, patch),
    'library.import': async ({ files }) => {
      const jobId = importJobs.start(
        files.map((f) => {
          const size = Math.floor((f.dataBase64.length * 3) / 4);
          return { name: f.name, size, read: async () => Buffer.from(f.dataBase64, 'base64') };
        }),
      );
      return { jobId };
    },
    'library.importStatus': async ({ jobId }) => importJobs.status(jobId),
    'library.cancelImport': async ({ jobId }) => importJobs.cancel(jobId),
    'library.remove': async ({ ids }) => {
      const removed = await library.remove(ids);
      await reuse.dropFromGroups(removed);
      return { removed };
    },
    'library.dedup': async () => ({ groups: await reuse.refreshGroups() }),
    'reuse.check': (input) => reuse.check(input),
    'reuse.setPassageState': async ({ draftId, text, sourceId, state }) => ({ states: await reuse.setState(draftId, text, sourceId, state) }),
    'reuse.states': async ({ draftId }) => ({ states: await reuse.states(draftId) }),
    'reuse.source': ({ sourceId }) => reuse.source(sourceId),
  };
}
