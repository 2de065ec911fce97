// Paste speed: a 20,000-character speech pasted into a new draft, as Word HTML and as plain text, from the
// paste event to the painted frame in browser mode (bridge + Debian Chromium); and the recognition alone.
// Target < 300 ms paste-to-paint.
import { clipboardBlocks } from '../../src/core/text/paste';
import { EDITOR, hasBuild, hasChromium, startApp } from '../../tests/e2e/harness';
import { hasShared, readSeed } from '../../tests/helpers/shared';
import { median, timeIt, type BenchSuite } from '../harness';

const CHARS = 20_000;

/** About 20,000 characters of speech text: the seed's first speeches (or a synthetic one without ../shared). */
function speechText(): string {
  let text = hasShared ? readSeed() : '';
  if (!text) {
    const section = (n: number) => `${'一二三四五六七八九十'[n % 10]}、第${n + 1}部分的标题\n` + '各单位要高度重视，切实加强组织领导，确保各项任务落到实处。\n'.repeat(20);
    for (let n = 0; text.length < CHARS; n++) text += section(n);
    text = `在全市工作会议上的讲话\n同志们：\n${text}`;
  }
  text = text.slice(text.indexOf('第一篇'));
  return text.slice(0, text.indexOf('\n', CHARS) > 0 ? text.indexOf('\n', CHARS) : CHARS);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The text as Word puts it on the clipboard: MsoTitle, <h1>/<h2> with the numbers as text, MsoNormal paragraphs. */
function asWordHtml(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const body = lines
    .map((l, i) => (i === 0 ? `<p class=MsoTitle>${esc(l)}</p>` : /^[一二三四五六七八九十]+、/u.test(l) ? `<h1>${esc(l)}</h1>` : /^[（(][一二三四五六七八九十]+[）)]/u.test(l) ? `<h2>${esc(l)}</h2>` : `<p class=MsoNormal>${esc(l)}</p>`))
    .join('\n');
  return `<html><body><!--StartFragment-->${body}<!--EndFragment--></body></html>`;
}

export const pasteSuite: BenchSuite = {
  name: 'paste',
  async run(ctx) {
    const text = speechText();
    const html = asWordHtml(text);
    const rec = await timeIt(() => clipboardBlocks({ html, text }), 7);
    ctx.report({ suite: 'paste', name: `recognition of a ${text.length}-character Word HTML paste (clipboardBlocks), median`, value: rec.median, unit: 'ms' });
    const recText = await timeIt(() => clipboardBlocks({ text }), 7);
    ctx.report({ suite: 'paste', name: `recognition of the same as plain text, median`, value: recText.median, unit: 'ms' });
    if (!hasChromium || !hasBuild) {
      console.log('  paste-to-paint skipped: needs /usr/bin/chromium and a built renderer (npm run bench builds it)');
      return;
    }
    const app = await startApp({ chromiumArgs: process.env.BENCH_VSYNC ? [] : ['--disable-gpu-vsync', '--disable-frame-rate-limit'] });
    try {
      const { page } = app;
      for (const [kind, data] of [
        ['Word HTML', { 'text/html': html, 'text/plain': text }],
        ['plain text', { 'text/plain': text }],
      ] as const) {
        const times: number[] = [];
        for (let round = 0; round < 3; round++) {
          await page.click('[data-testid="new-draft"]');
          await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-slate-node="element"]`).length === 3, EDITOR);
          await page.locator(`${EDITOR} [data-slate-node="element"]`).nth(2).click();
          const ms = await page.evaluate(
            ({ data, sel }) =>
              new Promise<number>((resolve) => {
                const dt = new DataTransfer();
                for (const [k, v] of Object.entries(data)) dt.setData(k, v);
                const target = window.getSelection()?.anchorNode?.parentElement ?? document.querySelector(sel)!;
                const t0 = performance.now();
                target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
                void window.__paintedWhen(() => document.querySelectorAll(`${sel} [data-slate-node="element"]`).length > 10).then(() => resolve(performance.now() - t0));
              }),
            { data, sel: EDITOR },
          );
          times.push(ms);
        }
        const m = median(times);
        ctx.report({ suite: 'paste', name: `paste ${text.length} characters (${kind}) → painted frame, median of 3`, value: m, unit: 'ms', target: '< 300 ms', ok: m < 300 });
      }
    } finally {
      await app.close();
    }
  },
};
