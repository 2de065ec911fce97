import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../contract/define';
import { keepDamagedAside, writeFileAtomic } from '../workspace/atomic';
import { parseJsonFile } from '../workspace/jsonFile';

const FileSchema = z.object({ version: z.literal(1), words: z.array(z.string()) });

/** Most words a dictionary keeps (a guard against a runaway file, not a limit a writer meets). */
export const MAX_WORDS = 20_000;

/**
 * The 校对 dictionary of one workspace (加入词库): `proofread/words.json`, written atomically; changes are made one
 * after the other. A file that cannot be read is moved aside (`.damaged-<time>`), never overwritten.
 */
export class ProofWords {
  readonly file: string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(workspaceDir: string) {
    this.file = path.join(workspaceDir, 'proofread', 'words.json');
  }

  async list(): Promise<string[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      return parseJsonFile(text, FileSchema).words;
    } catch {
      await keepDamagedAside(this.file);
      return [];
    }
  }

  add(raw: string): Promise<string[]> {
    const word = raw.trim();
    if (!word) return Promise.reject(new ApiError('invalid-input', '词语不能为空 (empty word)'));
    if (word.length > 50 || /[\r\n]/u.test(word)) return Promise.reject(new ApiError('invalid-input', '词语过长或含换行 (word too long or with a line break)'));
    return this.change((words) => {
      if (words.includes(word)) return words;
      if (words.length >= MAX_WORDS) throw new ApiError('invalid-input', `词库已满（最多${MAX_WORDS}个词）`);
      return [...words, word].sort((a, b) => a.localeCompare(b, 'zh'));
    });
  }

  remove(word: string): Promise<string[]> {
    return this.change((words) => words.filter((w) => w !== word));
  }

  private change(edit: (words: string[]) => string[]): Promise<string[]> {
    const run = this.chain.then(async () => {
      const before = await this.list();
      const after = edit(before);
      if (after !== before) {
        await fs.mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomic(this.file, JSON.stringify({ version: 1, words: after }, null, 2) + '\n');
      }
      return after;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
