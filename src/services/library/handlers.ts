import type { HandlersOf } from '../../contract/define';
import type { libraryContract, reuseContract } from '../../contract/library';
import type { teamServerContract } from '../../contract/teamServer';
import type { ServiceContext } from '../context';
import type { LibraryServices } from './services';

export type { LibraryServices } from './services';

/** The library services of a workspace (built once in createContext). */
export function libraryServicesOf(ctx: ServiceContext): LibraryServices {
  return ctx.library;
}

export function libraryHandlers(ctx: ServiceContext): HandlersOf<typeof libraryContract & typeof reuseContract & typeof teamServerContract> {
  const { reuse } = libraryServicesOf(ctx);
  // the library in use (本机 or 团队服务器, library/selection.ts); passage marks stay in the workspace
  const lib = () => ctx.libraries.current();
  return {
    'library.list': async () => (await lib()).list(),
    'library.get': async ({ id }) => (await lib()).get(id),
    'library.update': async ({ id, patch }) => (await lib()).update(id, patch),
    'library.import': async ({ files }) => {
      const jobId = (await lib()).startImport(
        files.map((f) => {
          const size = Math.floor((f.dataBase64.length * 3) / 4);
          return { name: f.name, size, read: async () => Buffer.from(f.dataBase64, 'base64') };
        }),
      );
      return { jobId };
    },
    'library.importStatus': async ({ jobId }) => (await lib()).importStatus(jobId),
    'library.cancelImport': async ({ jobId }) => (await lib()).cancelImport(jobId),
    'library.remove': async ({ ids }) => ({ removed: await (await lib()).remove(ids) }),
    'library.dedup': async () => ({ groups: await (await lib()).dedup() }),
    'reuse.check': async (input) => (await lib()).check(input),
    'reuse.setPassageState': async ({ draftId, text, sourceId, state }) => ({ states: await reuse.setState(draftId, text, sourceId, state) }),
    'reuse.states': async ({ draftId }) => ({ states: await reuse.states(draftId) }),
    'reuse.source': async ({ sourceId }) => (await lib()).source(sourceId),
    'library.backend': () => ctx.libraries.status(),
    'library.testServer': ({ server, password }) => ctx.libraries.test(server, password),
    'library.setBackend': (input) => ctx.libraries.set(input),
  };
}
