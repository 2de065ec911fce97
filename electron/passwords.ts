// Team-server passwords in the desktop app: encrypted with Electron's safeStorage (the system key store:
// Keychain, DPAPI, libsecret/kwallet) and kept as ciphertext in the app's own folder (userData), never in
// the workspace settings. Where the system offers no encryption, passwords are held in memory for the
// session only (and the settings dialog says so).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { PasswordKeeper } from '../src/services/library/selection';
import { writeFileAtomic } from '../src/services/workspace/atomic';

export const PASSWORDS_FILE = 'team-passwords.json';

export function safeStoragePasswords(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, userDataDir: string): PasswordKeeper {
  const file = path.join(userDataDir, PASSWORDS_FILE);
  const memory = new Map<string, string>();
  const available = () => {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  const read = async (): Promise<Record<string, string>> => {
    try {
      const raw = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    get keeping() {
      return available() ? ('safeStorage' as const) : ('memory' as const);
    },
    async get(key) {
      if (memory.has(key)) return memory.get(key);
      if (!available()) return undefined;
      const b64 = (await read())[key];
      if (typeof b64 !== 'string') return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(b64, 'base64'));
      } catch {
        return undefined; // encrypted under another user or key: ask again
      }
    },
    async set(key, password) {
      if (!available()) {
        memory.set(key, password);
        return;
      }
      const all = await read();
      all[key] = safeStorage.encryptString(password).toString('base64');
      await fs.mkdir(userDataDir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(all, null, 1) + '\n');
      memory.delete(key);
    },
  };
}
