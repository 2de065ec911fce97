import type { CliCommand } from '../command';
import { deleteCommand, listCommand, newCommand, openCommand, restoreCommand, showCommand, trashCommand } from './drafts';
import { checkCommand, dedupCommand, importCommand } from './library';
import { exportCommand } from './export';
import { diffCommand, versionCommand, versionsCommand } from './versions';
import { lintCommand, outlineCommand, templatesCommand } from './outline';
import { serverCommand } from './server';
import { libraryCommand, setCommand } from './libraryMeta';
import { searchCommand } from './search';
import { proofreadCommand } from './proofread';

/** Every CLI command; each capability adds its commands here. */
export const commands: CliCommand[] = [newCommand, listCommand, showCommand, openCommand, deleteCommand, trashCommand, restoreCommand, checkCommand, dedupCommand, importCommand, exportCommand, diffCommand, versionsCommand, versionCommand, outlineCommand, lintCommand, templatesCommand, proofreadCommand, libraryCommand, searchCommand, setCommand, serverCommand];
