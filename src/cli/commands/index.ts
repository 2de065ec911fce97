import type { CliCommand } from '../command';
import { listCommand, newCommand, openCommand, showCommand } from './drafts';

/** Every CLI command; each capability adds its commands here. */
export const commands: CliCommand[] = [newCommand, listCommand, showCommand, openCommand];
