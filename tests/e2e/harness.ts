// Shared helpers for the end-to-end tests: real services on a fresh temp workspace, the loopback bridge
// serving the built renderer (dist/renderer, built by `npm run test:e2e`), and Debian's Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/adapters/web/server';
import { createServices, type Services } from '../../src/services/index';
import { REPO_DIR } from '../helpers/shared';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STATIC_DIR = path.join(REPO_DIR, 'dist/renderer');
export const ARTIFACTS_DIR = path.join(REPO_DIR, 'tests/artifacts');
export const hasChromium = existsSync(CHROMIUM);
export const hasBuild = existsSync(path.join(STATIC_DIR, 'index.html'));

/**
 * In every page: `__afterPaint()` resolves after the next frame's style, layout and paint (a message posted
 * from a requestAnimationFrame callback runs after that frame); `__paintedWhen(cond)` checks `cond` now and
 * at each frame, and resolves once the frame in which it held has been painted. Used by page.evaluate in the
 * e2e tests and the benchmarks to time "until painted" (a string: functions given to page.evaluate are
 * compiled by esbuild, see below).
 */
export const AFTER_PAINT_SCRIPT = `
globalThis.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(0);
}));
globalThis.__paintedWhen = (cond) => new Promise((resolve) => {
  const check = () => (cond() ? globalThis.__afterPaint().then(resolve) : requestAnimationFrame(check));
  check();
});
`;

declare global {
  interface Window {
    /** See AFTER_PAINT_SCRIPT. */
    __afterPaint(): Promise<void>;
    __paintedWhen(cond: () => unknown): Promise<void>;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2EApp {
  workspace: string;
  services: Services;
  bridge: Bridge;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/**
 * Start everything on a fresh workspace (or `opts.workspace`), open the app and wait until it is ready.
 * `opts.setup` runs on the services before the page opens (e.g. create drafts).
 */
export async function startApp(
  opts: {
    workspace?: string;
    viewport?: { width: number; height: number };
    setup?: (s: Services) => Promise<void>;
    /** Extra Chromium switches (e.g. for benchmarks). */
    chromiumArgs?: string[];
  } = {},
): Promise<E2EApp> {
  if (!hasBuild) throw new Error(`renderer not built: ${STATIC_DIR} (run \`npx vite build\` or \`npm run test:e2e\`)`);
  const ownWorkspace = !opts.workspace;
  const workspace = opts.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-'));
  const services = await createServices(workspace);
  await opts.setup?.(services);
  const bridge = await startBridge({ handlers: services.handlers, staticDir: STATIC_DIR, downloads: (id) => services.ctx.exports.take(id) });
  const browser = await launchChromium(opts.chromiumArgs);
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN' });
  // Functions passed to page.evaluate are compiled by esbuild (tsx/vitest), which may wrap named
  // functions in a `__name(...)` helper that does not exist in the page.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  await context.addInitScript(AFTER_PAINT_SCRIPT);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(bridge.url);
  await page.waitForSelector('.app');
  return {
    workspace,
    services,
    bridge,
    browser,
    context,
    page,
    errors,
    async close() {
      await browser.close().catch(() => undefined);
      await bridge.close();
      if (ownWorkspace) rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** The editor's contenteditable. */
export const EDITOR = '[data-testid="editor"]';

/** Click into the editor so that it has focus (at the end of the last block unless a block selector is given). */
export async function focusEditor(page: Page, blockSelector?: string): Promise<void> {
  const target = page.locator(blockSelector ?? `${EDITOR} [data-slate-node="element"]`).last();
  await target.click();
  await page.keyboard.press('End');
}

/**
 * Type `text` the way an IME does: a series of composition updates (pinyin-like Latin letters growing
 * step by step), then the committed text. One composition per `chunk` characters.
 */
export async function typeIme(page: Page, text: string, opts: { chunk?: number; steps?: string[] } = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const chunk = opts.chunk ?? 2;
    for (let i = 0; i < text.length; i += chunk) {
      const part = text.slice(i, i + chunk);
      const steps = opts.steps ?? pinyinSteps(part);
      for (const s of steps) {
        await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
      }
      await cdp.send('Input.insertText', { text: part });
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

function pinyinSteps(part: string): string[] {
  const letters = 'zhongwenshurufa';
  const n = Math.min(letters.length, 2 + part.length * 2);
  const out: string[] = [];
  for (let k = 1; k <= n; k++) out.push(letters.slice(0, k));
  return out;
}

/** Text of every block in the editor as rendered, with the generated number (from data-num) in front. */
export async function renderedBlocks(page: Page): Promise<{ type: string; num: string; text: string }[]> {
  return page.$$eval(`${EDITOR} [data-slate-node="element"]`, (els) =>
    els.map((el) => {
      const e = el as HTMLElement;
      // Guidance placeholders are contentEditable=false spans: not part of the text.
      const clone = e.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[contenteditable="false"]').forEach((n) => n.remove());
      return { type: e.dataset.blockType ?? '', num: e.dataset.num ?? '', text: (clone.textContent ?? '').replace(/\uFEFF/g, '') };
    }),
  );
}

/** Wait until the status bar says 已保存 (and nothing is pending). */
export async function waitSaved(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout });
}
