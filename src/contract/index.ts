// The one typed API contract shared by the services, both adapters (Electron IPC, loopback bridge)
// and the renderer. Each capability adds its own file and spreads it in here.
import type { ApiOf, HandlersOf } from './define';
import { draftImportContract, draftsContract } from './drafts';
import { versionsContract } from './versions';
import { desktopContract } from './desktop';
import { libraryContract, reuseContract } from './library';
import { docxContract } from './docx';
import { templatesContract } from './templates';
import { searchContract } from './search';
import { proofreadContract } from './proofread';
import { teamServerContract } from './teamServer';

export const contract = {
  ...draftsContract,
  ...draftImportContract,
  ...versionsContract,
  ...desktopContract,
  ...libraryContract,
  ...reuseContract,
  ...docxContract,
  ...templatesContract,
  ...searchContract,
  ...proofreadContract,
  ...teamServerContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Api = ApiOf<Contract>;
export type AllHandlers = HandlersOf<Contract>;
/** Methods only the Electron main process implements (native dialogs); see desktop.ts. */
export type DesktopMethodName = keyof typeof desktopContract & string;
/** What the Node services provide (every method but the desktop-only ones). */
export type Handlers = Omit<AllHandlers, DesktopMethodName>;
export type DesktopHandlers = Pick<AllHandlers, DesktopMethodName>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './define';
export * from './common';
export * from './drafts';
export * from './versions';
export * from './desktop';
export * from './library';
export * from './docx';
export * from './templates';
export * from './search';
export * from './proofread';
export * from './teamServer';
