import type { CliCommand } from '../command';
import { listCommand, newCommand, openCommand, showCommand } from './drafts';
import { checkCommand, dedupCommand, importCommand } from './library';
import { exportCommand } from './export';
import { diffCommand, versionCommand, versionsCommand } from './versions';

/** Every CLI command; each capability adds its commands here. */
export const commands: CliCommand[] = [newCommand, listCommand, showCommand, openCommand, checkCommand, dedupCommand, importCommand, exportCommand, diffCommand, versionsCommand, versionCommand];
