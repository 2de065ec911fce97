import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { createServices, type Services } from '../../src/services/index';

let dir: string;
let s: Services;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-name-'));
  s = await createServices(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const doc = (title: string, body = '正文。') => ({ blocks: [Blocks.make('title', title), Blocks.paragraph(body)] });

describe("a new draft's name follows its title until the writer renames it", () => {
  it('a save mid-title does not freeze the name: the next save renames it again, in the same write', async () => {
    const d = await s.handlers['drafts.create']({});
    expect(d).toMatchObject({ name: '未命名文稿', nameFollowsTitle: true });
    const first = await s.handlers['drafts.save']({ id: d.id, doc: doc('在全'), baseRevision: d.revision });
    expect(first).toMatchObject({ name: '在全', revision: d.revision + 1 });
    const second = await s.handlers['drafts.save']({ id: d.id, doc: doc('在全市机关干部大会上的讲话'), baseRevision: first.revision });
    expect(second).toMatchObject({ name: '在全市机关干部大会上的讲话', revision: first.revision + 1 });
    // Deleting the title keeps the last name rather than going back to 未命名文稿.
    const third = await s.handlers['drafts.save']({ id: d.id, doc: doc(''), baseRevision: second.revision });
    expect(third.name).toBe('在全市机关干部大会上的讲话');
    expect((await s.handlers['drafts.list']({})).find((e) => e.id === d.id)).toMatchObject({ name: '在全市机关干部大会上的讲话' });
  });

  it('a rename is kept: later titles no longer rename the draft', async () => {
    const d = await s.handlers['drafts.create']({ doc: doc('在全市') });
    expect(d.name).toBe('在全市');
    const r = await s.handlers['drafts.rename']({ id: d.id, name: '干部大会讲话' });
    expect(r.nameFollowsTitle).toBe(false);
    const saved = await s.handlers['drafts.save']({ id: d.id, doc: doc('在全市机关干部大会上的讲话'), baseRevision: r.revision });
    expect(saved.name).toBe('干部大会讲话');
  });

  it('a given name, a copy and a template draft with a given name keep their names', async () => {
    const named = await s.handlers['drafts.create']({ name: '甲稿', doc: doc('甲') });
    expect((await s.handlers['drafts.save']({ id: named.id, doc: doc('乙') })).name).toBe('甲稿');
    const copy = await s.handlers['drafts.duplicate']({ id: named.id });
    expect((await s.handlers['drafts.save']({ id: copy.id, doc: doc('丙') })).name).toBe('甲稿（副本）');
  });

  it('a file from before the rule follows its title if its name is 未命名文稿 or a frozen beginning of the title', async () => {
    const write = async (id: string, name: string, title: string) => {
      const file = path.join(s.ctx.layout.draftsDir, `${id}.json`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const body = { format: 'speechdraft-draft', schemaVersion: 1, id, name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', revision: 3, doc: doc(title) };
      await fs.writeFile(file, JSON.stringify(body));
    };
    await write('dold1', '在全', '在全市机关干部大会上的讲话');
    await write('dold2', '经济会讲话', '在全市经济工作会议上的讲话');
    const a = await s.handlers['drafts.save']({ id: 'dold1', doc: doc('在全市机关干部大会上的讲话') });
    expect(a.name).toBe('在全市机关干部大会上的讲话');
    const b = await s.handlers['drafts.save']({ id: 'dold2', doc: doc('在全市经济工作会议上的讲话（修改）') });
    expect(b).toMatchObject({ name: '经济会讲话', nameFollowsTitle: false });
  });
});
