import { ApiError } from './define';
import { contract, isMethodName, type AllHandlers, type MethodName } from './index';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ReturnType<ApiError['toJSON']> };

/** How every reported internal error's message starts (services/workspace/errorLog.ts writes it). */
export const INTERNAL_PREFIX = '内部错误（程序缺陷';

/** How an adapter's side names failures and records internal ones (services/workspace/errorLog.ts). */
export interface DispatchOptions {
  /** A named ApiError for a failure that is not the program's fault (a full disk, an odd file), or null. */
  classify?: (err: unknown) => ApiError | null;
  /** Record an internal error (stack and all, e.g. in a log file); returns the message for the user. */
  report?: (err: unknown, method: string) => string;
}

/**
 * Every failure as the error the user sees: ApiErrors as they are, named failures via `classify`, anything
 * else 'internal' — reported (logged) and sent without a stack trace (no `detail`).
 */
export function toUserError(err: unknown, method: string, opts: DispatchOptions = {}): ApiError {
  // Already reported (e.g. an internal error coming back through the CLI's call()): as it is.
  if (err instanceof ApiError && err.code === 'internal' && err.message.startsWith(INTERNAL_PREFIX)) return err;
  const named = opts.classify?.(err) ?? (err instanceof ApiError ? err : null);
  const e = named ?? ApiError.from(err);
  if (e.code !== 'internal') return e;
  return new ApiError('internal', opts.report?.(err, method) ?? e.message);
}

/**
 * The one entry point both adapters use: check the method name, validate the input with the contract's
 * schema, call the handler, and turn any failure into a serialisable ApiError.
 */
export async function dispatch(handlers: Partial<AllHandlers>, name: unknown, rawInput: unknown, opts: DispatchOptions = {}): Promise<DispatchResult> {
  try {
    if (!isMethodName(name)) throw new ApiError('invalid-input', `未知的操作：${String(name).slice(0, 80)}`);
    const handler = handlers[name as MethodName] as ((input: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new ApiError('unsupported', `此操作尚不可用：${name}`);
    const input = contract[name].input.parse(rawInput ?? {});
    const value = await handler(input);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toUserError(err, String(name).slice(0, 80), opts).toJSON() };
  }
}
