import { z } from 'zod';

// How the API contract is written: each method has a zod schema for its single input object
// (validated by every adapter at the trust boundary) and a TypeScript output type.

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });
}

export type AnyContract = Record<string, MethodDef<z.ZodType, unknown>>;

export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;

/** The client's view: one async function per method. */
export type ApiOf<C extends AnyContract> = {
  [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

/** The services' view: handlers receive already validated input. */
export type HandlersOf<C extends AnyContract> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

/** Error codes every adapter carries across unchanged. */
export type ApiErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'damaged'
  | 'conflict'
  | 'unsupported'
  | 'too-large'
  | 'cancelled'
  | 'forbidden'
  /** The disk or folder refused a write (full, read-only, no permission): nothing saved changed. */
  | 'storage'
  | 'internal';

/** A failure meant for the user: `message` is Chinese, `detail` may add English or technical context. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly detail?: string;
  constructor(code: ApiErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): SerializedApiError {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }

  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    if (err instanceof z.ZodError) {
      const first = err.issues[0];
      const where = first?.path.length ? first.path.join('.') : '输入';
      return new ApiError('invalid-input', `参数无效（${where}）：${first?.message ?? ''}`, err.message);
    }
    const msg = err instanceof Error ? err.message : String(err);
    return new ApiError('internal', `内部错误：${msg}`, err instanceof Error ? err.stack : undefined);
  }

  static fromJSON(e: SerializedApiError): ApiError {
    return new ApiError(e.code, e.message, e.detail);
  }
}

export interface SerializedApiError {
  code: ApiErrorCode;
  message: string;
  detail?: string;
}
