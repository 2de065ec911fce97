import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { createServices, type Services } from '../../src/services/index';
import { libraryServicesOf } from '../../src/services/library/handlers';
import { REPO_DIR } from '../helpers/shared';

let dir: string;
let s: Services;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-tplcache-'));
  s = await createServices(dir);
});
afterEach(async () => {
  vi.restoreAllMocks();
  // the check writes its index cache in the background: let it finish before removing the folder
  await libraryServicesOf(s.ctx).reuse.flush();
  await fs.rm(dir, { recursive: true, force: true });
});

const EXAMPLE = '要坚持把抓好项目建设作为推动发展的总抓手，咬定目标不放松，一件一件抓落实，确保每个项目按期建成见效。';

describe('template example sources of 查重', () => {
  it('are read from the folders once for checks in a row, and again only when a template file changed', async () => {
    const h = s.handlers;
    const load = vi.spyOn(s.ctx.templates, 'load');
    await h['reuse.check']({ text: '同志们，今天召开全市工作会议，主要任务是总结去年工作，部署今年任务。' });
    await h['reuse.check']({ text: '各级领导干部要带头转变作风，深入基层、深入群众，切实解决实际问题。' });
    expect(load).toHaveBeenCalledTimes(1);

    // Another process writes a user template with an example: the next check sees its example.
    const t = JSON.parse(readFileSync(path.join(REPO_DIR, 'templates', 'basic.json'), 'utf8'));
    t.id = 'extra';
    t.name = '另存模板';
    t.opening.examples = [{ id: 'project', text: EXAMPLE, source: { title: '某次会议讲话' } }];
    await fs.mkdir(path.join(dir, 'templates'), { recursive: true });
    await fs.writeFile(path.join(dir, 'templates', 'extra.json'), JSON.stringify(t));
    const r = await h['reuse.check']({ text: `同志们：${EXAMPLE}今年的任务很重。` });
    expect(load).toHaveBeenCalledTimes(2);
    expect(r.passages.map((p) => p.sourceId)).toContain('template:extra#project');
    await h['reuse.check']({ text: `同志们：${EXAMPLE}` });
    expect(load).toHaveBeenCalledTimes(2);

    // 另存为模板 writes a user template: the next check reads the folders again and has it.
    const saved = await h['templates.saveFromDraft']({ doc: { blocks: [Blocks.make('title', '在全市工作会议上的讲话'), Blocks.paragraph('同志们：')] }, name: '我的模板' });
    const before = load.mock.calls.length;
    await h['reuse.check']({ text: '同志们，今天召开全市工作会议。' });
    expect(load.mock.calls.length).toBe(before + 1);
    expect(load.mock.results.at(-1)!.value.templates.map((x: { template: { id: string } }) => x.template.id)).toContain(saved.id);
  }, 30_000);
});
