// Shared by the robustness suite: bundled child processes (bridge, CLI) and a small HTTP client.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundle a fixture into one .cjs file in `outDir` (started by node directly). */
export async function bundle(fixture: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, path.basename(fixture).replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(__dirname, 'fixtures', fixture)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'error',
    external: ['electron', 'pg-native'],
  });
  return outfile;
}

export interface BridgeProc {
  port: number;
  token: string;
  child: ChildProcess;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test client: values checked by the assertions
  call(method: string, input: unknown): Promise<{ ok: true; value: any } | { ok: false; error: { code: string; message: string } }>;
  stop(): Promise<void>;
}

export function startBridgeProcess(script: string, workspace: string, staticDir: string): Promise<BridgeProc> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, workspace, staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`bridge exited ${code}: ${err}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const { port, token } = JSON.parse(out.slice(0, nl)) as { port: number; token: string };
      resolve({
        port,
        token,
        child,
        async call(method, input) {
          const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': token },
            body: JSON.stringify(input),
          });
          return (await res.json()) as never;
        },
        stop: () =>
          new Promise<void>((r) => {
            child.removeAllListeners('exit');
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export function runNode(script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
