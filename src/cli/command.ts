import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError, type InputOf, type OutputOf } from '../contract/define';
import type { Contract, MethodName } from '../contract/index';
import type { Services } from '../services/index';
import { resolveWorkspaceDir } from '../services/workspace/layout';

// The contract's dispatch (all its zod schemas) and the services are loaded when a command first asks for
// them, not when the command line starts: a command that needs neither (a folder check) starts without them.

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** One small command per action (see commands/). */
export interface CliCommand {
  name: string;
  usage: string;
  options?: OptionSpec;
  run(io: CliIo): Promise<number | void>;
}

export interface CliIo {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  json: boolean;
  /** The services over the chosen workspace (--workspace, SPEECHDRAFT_WORKSPACE, or the default). */
  services(): Promise<Services>;
  out(text: string): void;
  outJson(value: unknown): void;
  err(text: string): void;
}

/** Call a contract method through dispatch, so CLI input is validated by the same zod schemas as IPC input. */
export async function call<M extends MethodName>(io: CliIo, method: M, input: InputOf<Contract[M]>): Promise<OutputOf<Contract[M]>> {
  const { handlers, dispatchOptions } = await io.services();
  const { dispatch } = await import('../contract/dispatch');
  const r = await dispatch(handlers, method, input, dispatchOptions);
  if (!r.ok) throw ApiError.fromJSON(r.error);
  return r.value as OutputOf<Contract[M]>;
}

export const COMMON_OPTIONS: OptionSpec = {
  workspace: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface Streams {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Run `cmd` with `argv`; `summary` heads its --help (the command table's line for it). */
export async function runCommand(cmd: CliCommand, argv: string[], streams: Streams, summary = ''): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (err) {
    streams.stderr(`speechdraft ${cmd.name}: ${(err as Error).message}\n用法 usage: ${cmd.usage}\n`);
    return 2;
  }
  const values = parsed.values as CliIo['values'];
  if (values.help) {
    streams.stdout(`${summary ? `${summary}\n\n` : ''}用法 usage: ${cmd.usage}\n`);
    return 0;
  }
  let services: Promise<Services> | undefined;
  const io: CliIo = {
    positionals: parsed.positionals,
    values,
    json: values.json === true,
    services: () => (services ??= import('../services/index').then((m) => m.createServices(resolveWorkspaceDir(values.workspace as string | undefined, streams.env)))),
    out: (t) => streams.stdout(t.endsWith('\n') ? t : t + '\n'),
    outJson: (v) => streams.stdout(JSON.stringify(v, null, 2) + '\n'),
    err: (t) => streams.stderr(t.endsWith('\n') ? t : t + '\n'),
  };
  try {
    const code = await cmd.run(io);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    // Bad input, odd files and full disks are named (exit 1); only a defect is internal (exit 70): its
    // stack goes to a log file, and the message says where that is and where to report it.
    const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined, streams.env);
    const [{ toUserError }, { dispatchOptionsFor }] = await Promise.all([import('../contract/dispatch'), import('../services/workspace/errorLog')]);
    const e = toUserError(err, `cli ${cmd.name}`, dispatchOptionsFor(workspaceDir));
    if (io.json) streams.stderr(JSON.stringify({ error: e.toJSON() }) + '\n');
    else streams.stderr(`错误 error: ${e.message}${e.detail && e.code !== 'internal' ? `\n  ${e.detail.slice(0, 500)}` : ''}\n`);
    return e.code === 'internal' ? 70 : 1;
  }
}
