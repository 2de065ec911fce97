import { DraftStore } from './workspace/draftStore';
import { ensureLayout, layoutOf, type WorkspaceLayout } from './workspace/layout';
import { SettingsStore } from './workspace/settings';
import { VersionStore } from './versions/versionStore';
import { TemplateStore } from './templates/store';
import { createLibraryServices, type LibraryServices } from './library/services';
import { ExportOutbox } from './docx/outbox';
import { LibrarySelection, type PasswordKeeper } from './library/selection';
import { templateExampleProvider } from './templates/sources';

/**
 * What every service provider gets: the workspace layout and the stores of the concerns below it.
 * Capabilities add their own stores here (one provider per concern), created lazily where costly.
 */
export interface ServiceContext {
  layout: WorkspaceLayout;
  drafts: DraftStore;
  settings: SettingsStore;
  /** Versions of drafts; other services snapshot through it, e.g. `ctx.versions.snapshot(id, '导出前', 'before-export')`. */
  versions: VersionStore;
  /** Built-in templates (the app's templates/) and user templates (the workspace's templates/). */
  templates: TemplateStore;
  /** 素材库, draft sources, 查重, import jobs, 搜索 (services/library/services.ts). */
  library: LibraryServices;
  /** The 素材库 in use — 本机 (the embedded `library` above) or a 团队服务器 — behind one interface (library/backend.ts). */
  libraries: LibrarySelection;
  /** Flush what is pending and stop listening (switching workspace, shutdown). */
  dispose(): Promise<void>;
  /** Exported files waiting for the save dialog (Electron) or the download (bridge); see docx/outbox.ts. */
  exports: ExportOutbox;
}

export interface ContextOptions {
  /** Built-in templates folder; default: found next to the code or in the packaged app (services/templates/locate.ts). */
  templatesDir?: string;
  /** Where team-server passwords are kept (the desktop app: safeStorage); default: this process's memory. */
  passwords?: PasswordKeeper;
}

export async function createContext(workspaceDir: string, opts: ContextOptions = {}): Promise<ServiceContext> {
  const layout = layoutOf(workspaceDir);
  await ensureLayout(layout);
  const drafts = new DraftStore(layout);
  await drafts.init();
  const settings = new SettingsStore(layout);
  const templates = new TemplateStore(layout.templatesDir, opts.templatesDir);
  // template example passages are sources of every check (本机 and 团队服务器 alike)
  const library = createLibraryServices(layout, drafts, settings, { extraSources: [templateExampleProvider(templates)] });
  const libraries = new LibrarySelection(layout, drafts, settings, library, opts.passwords);
  return {
    layout,
    drafts,
    settings,
    versions: new VersionStore(layout, drafts),
    templates,
    exports: new ExportOutbox(),
    library,
    libraries,
    dispose: async () => {
      await libraries.dispose();
      await library.dispose();
    },
  };
}
