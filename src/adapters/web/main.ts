// `npm run dev:web`: the renderer in a browser over the loopback bridge.
//   npm run dev:web -- --workspace DIR [--port N]
// The token is injected into the served page, never put in the URL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../services/index';
import { resolveWorkspaceDir } from '../../services/workspace/layout';
import { withOffload } from '../offload';
import { startBridge } from './server';

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(name + '='));
  return eq ? eq.slice(name.length + 1) : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dir = resolveWorkspaceDir(argValue(argv, '--workspace'));
  const port = Number(argValue(argv, '--port') ?? 0);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const staticDir = path.join(root, 'dist/renderer');
  const { handlers, ctx, dispatchOptions } = await createServices(dir);
  // Imports, outline, lint and Word export run in a worker thread: the bridge keeps answering.
  const offloaded = withOffload(handlers, dir, { outbox: ctx.exports });
  const bridge = await startBridge({ handlers: offloaded.handlers, offload: offloaded, dispatchOptions, staticDir, port: Number.isFinite(port) ? port : 0, downloads: (id) => ctx.exports.take(id) });
  console.log(`讲稿助手 SpeechDraft (browser mode)`);
  console.log(`  workspace: ${dir}`);
  console.log(`  open:      ${bridge.url}`);
  console.log(`  (only reachable from this computer; press Ctrl+C to stop)`);
  const stop = () => {
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`无法启动：${(err as Error).message}`);
  process.exit(1);
});
