import type { CliCommand } from '../command';

/**
 * A command by name; its module is loaded when the command runs (or for the help, which lists them all), so
 * a command starts without evaluating the others' modules (the zod contract, docx, the services…).
 */
export interface CommandEntry {
  name: string;
  load(): Promise<CliCommand>;
}

/** Every CLI command, in the order the help lists them; each capability adds its commands here. */
export const commands: CommandEntry[] = [
  { name: 'new', load: async () => (await import('./drafts')).newCommand },
  { name: 'list', load: async () => (await import('./drafts')).listCommand },
  { name: 'show', load: async () => (await import('./drafts')).showCommand },
  { name: 'open', load: async () => (await import('./drafts')).openCommand },
  { name: 'delete', load: async () => (await import('./drafts')).deleteCommand },
  { name: 'trash', load: async () => (await import('./drafts')).trashCommand },
  { name: 'restore', load: async () => (await import('./drafts')).restoreCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'dedup', load: async () => (await import('./library')).dedupCommand },
  { name: 'import', load: async () => (await import('./library')).importCommand },
  { name: 'export', load: async () => (await import('./export')).exportCommand },
  { name: 'diff', load: async () => (await import('./versions')).diffCommand },
  { name: 'versions', load: async () => (await import('./versions')).versionsCommand },
  { name: 'version', load: async () => (await import('./versions')).versionCommand },
  { name: 'outline', load: async () => (await import('./outline')).outlineCommand },
  { name: 'lint', load: async () => (await import('./outline')).lintCommand },
  { name: 'templates', load: async () => (await import('./outline')).templatesCommand },
  { name: 'proofread', load: async () => (await import('./proofread')).proofreadCommand },
  { name: 'library', load: async () => (await import('./libraryMeta')).libraryCommand },
  { name: 'search', load: async () => (await import('./search')).searchCommand },
  { name: 'set', load: async () => (await import('./libraryMeta')).setCommand },
  { name: 'server', load: async () => (await import('./server')).serverCommand },
  { name: 'stats', load: async () => (await import('./stats')).statsCommand },
];
