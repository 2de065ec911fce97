// Commands the desktop application menu sends to the renderer (Electron only; no imports, so the sandboxed
// preload can bundle it). The renderer subscribes with `window.speechdraft.onMenuCommand(cb)`.
export const MENU_COMMANDS = [
  'draft.new',
  'draft.import',
  'draft.save',
  'draft.export',
  'draft.rename',
  'draft.duplicate',
  'draft.delete',
  'trash.open',
  'edit.undo',
  'edit.redo',
  /** 查找 (Ctrl+F) and 替换 (Ctrl+H): open the find bar. */
  'edit.find',
  'edit.replace',
  'settings.open',
  /** 设置 → 工作区…: save pending edits, then call `desktop.chooseWorkspace`. */
  'workspace.choose',
  /** The workspace folder was changed in 设置 → 工作区: reload the draft list. */
  'workspace.changed',
  'help.shortcuts',
  'help.about',
  /**
   * The window is about to close: save pending edits, then answer with `desktop.closeDecision`
   * ({ close: true } to close, false to keep the window open, e.g. when the save failed).
   */
  'app.beforeClose',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(x: unknown): x is MenuCommand {
  return typeof x === 'string' && (MENU_COMMANDS as readonly string[]).includes(x);
}
