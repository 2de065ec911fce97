// Reading the workspace's JSON files (drafts, versions, settings): tolerate a BOM (the file was saved by
// another editor), and say in readable words why a file could not be used.
import type { z } from 'zod';

/** JSON.parse, ignoring a leading BOM. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Parse and validate; throws with a readable reason (Chinese first) if the file is damaged. */
export function parseJsonFile<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = parseJsonText(text);
  } catch (err) {
    throw new Error(`不是有效的 JSON (invalid JSON): ${(err as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`文件格式不符 (schema mismatch) at ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return r.data;
}
