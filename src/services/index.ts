import type { Handlers } from '../contract/index';
import type { DispatchOptions } from '../contract/dispatch';
import { dispatchOptionsFor } from './workspace/errorLog';
import { createContext, type ContextOptions, type ServiceContext } from './context';
import { draftHandlers } from './workspace/handlers';
import { versionHandlers } from './versions/handlers';
import { libraryHandlers } from './library/handlers';
import { docxHandlers } from './docx/handlers';
import { templateHandlers } from './templates/handlers';
import { searchHandlers } from './search/handlers';
import { proofreadHandlers } from './proofread/handlers';

export interface Services {
  ctx: ServiceContext;
  handlers: Handlers;
  /** Pass to dispatch(): named errors for full disks and odd files, internal errors logged under the workspace. */
  dispatchOptions: DispatchOptions;
}

/** All service providers over one workspace folder; both adapters and the CLI use this. */
export async function createServices(workspaceDir: string, opts: ContextOptions = {}): Promise<Services> {
  const ctx = await createContext(workspaceDir, opts);
  const handlers: Handlers = {
    ...draftHandlers(ctx),
    ...versionHandlers(ctx),
    ...libraryHandlers(ctx),
    ...docxHandlers(ctx),
    ...templateHandlers(ctx),
    ...searchHandlers(ctx),
    ...proofreadHandlers(ctx),
  };
  return { ctx, handlers, dispatchOptions: dispatchOptionsFor(ctx.layout.dir) };
}
