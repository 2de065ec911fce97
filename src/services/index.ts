import type { Handlers } from '../contract/index';
import { createContext, type ServiceContext } from './context';
import { draftHandlers } from './workspace/handlers';

export interface Services {
  ctx: ServiceContext;
  handlers: Handlers;
}

/** All service providers over one workspace folder; both adapters and the CLI use this. */
export async function createServices(workspaceDir: string): Promise<Services> {
  const ctx = await createContext(workspaceDir);
  const handlers: Handlers = {
    ...draftHandlers(ctx),
  };
  return { ctx, handlers };
}
