import type { CliCommand } from '../command';

/**
 * A command by name, with the line the help lists it by; its module is loaded only when the command runs, so a
 * command starts without evaluating the others' modules (the zod contract, docx, the services…) and the help
 * loads none of them.
 */
export interface CommandEntry {
  name: string;
  /** One line, Chinese then English. */
  summary: string;
  load(): Promise<CliCommand>;
}

/** Every CLI command, in the order the help lists them; each capability adds its commands here. */
export const commands: CommandEntry[] = [
  { name: 'new', summary: '新建文稿 create a draft', load: async () => (await import('./drafts')).newCommand },
  {
    name: 'list',
    summary: '列出文稿（含损坏的文件及原因）list drafts, damaged files with the reason',
    load: async () => (await import('./drafts')).listCommand,
  },
  {
    name: 'show',
    summary: '显示文稿全文（含自动编号）show a draft as text with generated numbers',
    load: async () => (await import('./drafts')).showCommand,
  },
  {
    name: 'open',
    summary: '把文本、Word 或网页文件导入为文稿 make a draft from a .txt, .docx or .html file',
    load: async () => (await import('./drafts')).openCommand,
  },
  { name: 'delete', summary: '删除文稿（移到回收站）move a draft to the 回收站', load: async () => (await import('./drafts')).deleteCommand },
  { name: 'trash', summary: '列出回收站 list the 回收站', load: async () => (await import('./drafts')).trashCommand },
  { name: 'restore', summary: '从回收站恢复文稿 restore a draft from the 回收站', load: async () => (await import('./drafts')).restoreCommand },
  {
    name: 'check',
    summary: '查重：检查文件与素材库中文稿的重复 check a file for reuse against a library folder',
    load: async () => (await import('./check')).checkCommand,
  },
  {
    name: 'dedup',
    summary: '找出素材库文件夹中近似重复的文档 groups of near-duplicate documents in a library folder',
    load: async () => (await import('./library')).dedupCommand,
  },
  {
    name: 'import',
    summary: '清理并导入文稿到素材库 clean a file or folder (and add it to the workspace library)',
    load: async () => (await import('./library')).importCommand,
  },
  {
    name: 'export',
    summary: '导出 Word 公文版式 export a draft or file as .docx (清稿/审阅稿/修订稿/念稿版)',
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'diff',
    summary: '比较两份文本（段落对齐、移动、逐字差异）compare two texts: .txt, .docx, drafts, versions',
    load: async () => (await import('./versions')).diffCommand,
  },
  { name: 'versions', summary: '列出文稿的版本 list a draft\'s versions', load: async () => (await import('./versions')).versionsCommand },
  {
    name: 'version',
    summary: '保存 / 查看 / 恢复版本 save, show or restore a version',
    load: async () => (await import('./versions')).versionCommand,
  },
  {
    name: 'outline',
    summary: '提取讲话提纲（标题、署名、称谓、各级标题及其作用、列举）extract the outline',
    load: async () => (await import('./outline')).outlineCommand,
  },
  { name: 'lint', summary: '检查讲话结构（编号、层级、标题标点、空节、模板）check the structure', load: async () => (await import('./outline')).lintCommand },
  { name: 'templates', summary: '列出提纲模板 list outline templates', load: async () => (await import('./outline')).templatesCommand },
  { name: 'proofread', summary: '校对（错别字、规范提法、数字用法、标点、重复字词）proofread', load: async () => (await import('./proofread')).proofreadCommand },
  {
    name: 'library',
    summary: '素材库文档：列出、查看、修改标题/讲话人/日期/类别/场合/对象 list, show and edit library documents',
    load: async () => (await import('./libraryMeta')).libraryCommand,
  },
  {
    name: 'search',
    summary: '搜索素材库和文稿：整句或全部词语 search the library and the drafts (exact phrase or all words)',
    load: async () => (await import('./search')).searchCommand,
  },
  {
    name: 'set',
    summary: '设置文稿的场合、对象、日期 set a draft\'s 场合 / 对象 / date (for the 高风险 check)',
    load: async () => (await import('./libraryMeta')).setCommand,
  },
  {
    name: 'server',
    summary: '团队素材库（PostgreSQL）：初始化、升级、导入、统计 team library on a PostgreSQL server',
    load: async () => (await import('./server')).serverCommand,
  },
  {
    name: 'stats',
    summary: '字数、预计时长、页数 word count, speaking time and pages (22×28 grid) of a draft or file',
    load: async () => (await import('./stats')).statsCommand,
  },
];
