import { DraftStore } from './workspace/draftStore';
import { ensureLayout, layoutOf, type WorkspaceLayout } from './workspace/layout';
import { SettingsStore } from './workspace/settings';

/**
 * What every service provider gets: the workspace layout and the stores of the concerns below it.
 * Capabilities add their own stores here (one provider per concern), created lazily where costly.
 */
export interface ServiceContext {
  layout: WorkspaceLayout;
  drafts: DraftStore;
  settings: SettingsStore;
}

export async function createContext(workspaceDir: string): Promise<ServiceContext> {
  const layout = layoutOf(workspaceDir);
  await ensureLayout(layout);
  const drafts = new DraftStore(layout);
  await drafts.init();
  return { layout, drafts, settings: new SettingsStore(layout) };
}
