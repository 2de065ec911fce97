import { ApiError } from './define';
import { contract, isMethodName, type AllHandlers, type MethodName } from './index';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ReturnType<ApiError['toJSON']> };

/**
 * The one entry point both adapters use: check the method name, validate the input with the contract's
 * schema, call the handler, and turn any failure into a serialisable ApiError.
 */
export async function dispatch(handlers: Partial<AllHandlers>, name: unknown, rawInput: unknown): Promise<DispatchResult> {
  try {
    if (!isMethodName(name)) throw new ApiError('invalid-input', `未知的操作：${String(name).slice(0, 80)}`);
    const handler = handlers[name as MethodName] as ((input: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new ApiError('unsupported', `此操作尚不可用：${name}`);
    const input = contract[name].input.parse(rawInput ?? {});
    const value = await handler(input);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: ApiError.from(err).toJSON() };
  }
}
