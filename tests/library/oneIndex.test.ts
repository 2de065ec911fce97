// The workspace's index keeper and a library folder build their reuse index by the same rule (updateIndex,
// INDEX_ADD_BATCH): the same documents give the same check, built in batches, in one batch, or read back
// from either persisted file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkText, ReuseIndex, type CheckResult } from '../../src/core/reuse/index';
import { IndexKeeper, INDEX_ADD_BATCH, type IndexedSource } from '../../src/services/library/indexKeeper';
import { loadFolderLibrary } from '../../src/services/library/folderLibrary';
import { textHash } from '../../src/services/library/store';
import { mulberry32, randomText } from '../reuse/helpers';

const STOCK = '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，推动改革发展成果更多更公平惠及全体人民。';

describe('one index rule for the workspace keeper and library folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-one-index-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('same documents, same check: folder library, keeper, one batch, and both reloaded', async () => {
    const rnd = mulberry32(3);
    const n = 2 * INDEX_ADD_BATCH + 57;
    const rows = Array.from({ length: n }, (_, i) => ({
      title: `讲话稿${i}`,
      // the stock sentence in most documents: more postings than the sampling cap, spread over the batches
      content: randomText(rnd, 50 + (i % 40)) + (i % 4 === 3 ? '' : STOCK) + randomText(rnd, 80),
    }));
    const folder = path.join(dir, 'lib');
    mkdirSync(folder);
    writeFileSync(path.join(folder, '讲话.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const env = { SPEECHDRAFT_CACHE_DIR: path.join(dir, 'cache') };
    const lib = await loadFolderLibrary(folder, { env });
    expect(lib.index.size).toBe(n);
    // a folder is merged into one segment after an update; the keeper keeps its batches (see below)
    expect(lib.index.segments.length).toBe(1);
    const ids = lib.docs.ids();
    const texts = new Map(ids.map((id) => [id, lib.docs.get(id)!.text]));
    const own = texts.get(ids[300])!;
    const draft = [randomText(rnd, 30) + STOCK + randomText(rnd, 20), own.slice(20, 120), randomText(rnd, 40)].join('\n');
    const check = (index: ReuseIndex): CheckResult => checkText(index, draft, { getSourceText: (id) => texts.get(id) });
    const want = check(lib.index);
    expect(want.passages.some((p) => p.kind === 'common' && p.docFrequency >= 64)).toBe(true);
    expect(want.passages.some((p) => p.kind === 'reuse' && p.sourceId === ids[300])).toBe(true);

    const one = new ReuseIndex();
    one.add(ids.map((id) => ({ id, title: lib.docs.get(id)!.title, text: texts.get(id)! })));
    expect(check(one)).toEqual(want);

    const sources: IndexedSource[] = ids.map((id) => ({ id, hash: textHash(texts.get(id)!), doc: () => ({ id, title: lib.docs.get(id)!.title, text: texts.get(id)! }) }));
    const keeperDir = path.join(dir, 'keeper');
    const keeper = new IndexKeeper(keeperDir);
    const kept = await keeper.sync(sources);
    // the same batches as a folder's update, before the folder merges them: several segments, the same check
    expect(kept.segments.map((s) => s.docCount)).toEqual([INDEX_ADD_BATCH, INDEX_ADD_BATCH, 57]);
    expect(check(kept)).toEqual(want);
    await keeper.flush();

    const again = await loadFolderLibrary(folder, { env });
    expect(again.filesRead).toBe(0);
    expect(check(again.index)).toEqual(want);
    const reloaded = await new IndexKeeper(keeperDir).sync(sources);
    expect(reloaded === kept).toBe(false);
    expect(check(reloaded)).toEqual(want);
  });
});
