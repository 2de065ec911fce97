// The one typed API contract shared by the services, both adapters (Electron IPC, loopback bridge)
// and the renderer. Each capability adds its own file and spreads it in here.
import type { ApiOf, HandlersOf } from './define';
import { draftImportContract, draftsContract } from './drafts';

export const contract = {
  ...draftsContract,
  ...draftImportContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Api = ApiOf<Contract>;
export type Handlers = HandlersOf<Contract>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './define';
export * from './common';
export * from './drafts';
