// Waiting in tests without fixed sleeps: await the event itself where the code offers one (an import job's
// completion promise; timers on vitest's or Playwright's fake clock), and poll a condition with a deadline
// only where the other side is outside the test's reach (another process, a database, a server's sockets).
import type { ImportStatus } from '../../src/contract/library';
import type { ServiceContext } from '../../src/services/context';

/** Poll `cond` until it holds; fails with `what` after `timeoutMs`. Returns the first truthy value. */
export async function waitFor<T>(what: string, cond: () => T | Promise<T>, opts: { timeoutMs?: number; intervalMs?: number } = {}): Promise<NonNullable<T>> {
  const end = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const v = await cond();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 5));
  }
}

/** The final status of a 素材库 import job started through `library.import` (its completion promise, no polling). */
export async function importDone(s: { ctx: ServiceContext } | ServiceContext, jobId: string): Promise<ImportStatus> {
  const ctx = 'ctx' in s ? s.ctx : s;
  return (await ctx.libraries.current()).waitImport(jobId);
}
