// The Chinese application menu. Every item the app itself implements is sent to the renderer as a menu
// command over MENU_CHANNEL (the renderer knows about unsaved edits); roles cover clipboard, zoom, quit.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/contract/menu';

export interface MenuDeps {
  send: (command: MenuCommand) => void;
  isMac: boolean;
  /** Unpacked development build: adds reload and developer tools. */
  isDev: boolean;
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string, registerAccelerator = true): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator } : {}),
    click: () => deps.send(command),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const file: MenuItemConstructorOptions = {
    label: '文件(&F)',
    submenu: [
      cmd('新建文稿', 'draft.new', 'CmdOrCtrl+N'),
      cmd('导入文件…', 'draft.import', 'CmdOrCtrl+O'),
      sep,
      // The editor handles Ctrl+S itself (also in browser mode); the menu only shows the shortcut.
      cmd('保存', 'draft.save', 'CmdOrCtrl+S', false),
      cmd('导出 Word…', 'draft.export', 'CmdOrCtrl+E'),
      sep,
      cmd('重命名…', 'draft.rename'),
      cmd('创建副本', 'draft.duplicate'),
      cmd('删除（移到回收站）', 'draft.delete'),
      cmd('回收站…', 'trash.open'),
      sep,
      {
        label: '设置',
        // The renderer saves pending edits first, then asks for the folder dialog (desktop.chooseWorkspace).
        submenu: [cmd('工作区…', 'workspace.choose'), cmd('偏好设置…', 'settings.open', 'CmdOrCtrl+,')],
      },
      ...(deps.isMac ? [] : [sep, { label: '退出', role: 'quit', accelerator: 'Ctrl+Q' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '编辑(&E)',
    submenu: [
      // Undo/redo belong to the editor's own history (Slate), not the browser's: shortcuts stay with the editor.
      cmd('撤销', 'edit.undo', 'CmdOrCtrl+Z', false),
      cmd('重做', 'edit.redo', deps.isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', false),
      sep,
      // The find bar handles its shortcuts itself (also in browser mode); the menu only shows them.
      cmd('查找…', 'edit.find', 'CmdOrCtrl+F', false),
      cmd('替换…', 'edit.replace', deps.isMac ? 'Alt+Cmd+F' : 'Ctrl+H', false),
      sep,
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '视图(&V)',
    submenu: [
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { label: '实际大小', role: 'resetZoom' },
      sep,
      { label: '全屏', role: 'togglefullscreen' },
      ...(deps.isDev ? [sep, { label: '重新加载', role: 'reload' }, { label: '开发者工具', role: 'toggleDevTools' }] as MenuItemConstructorOptions[] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '帮助(&H)',
    role: 'help',
    submenu: [cmd('快捷键', 'help.shortcuts'), cmd('关于 SpeechDraft 讲稿助手', 'help.about')],
  };

  return [...(deps.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, view, help];
}
