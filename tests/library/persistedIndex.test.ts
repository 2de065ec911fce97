import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReuseIndex, checkText } from '../../src/core/reuse/index';
import { foldRulesKey, foldTable, useFoldTable } from '../../src/core/normalize/index';
import { PersistedIndex } from '../../src/services/library/persistedIndex';
import { keepFoldTable, useKeptFoldTable } from '../../src/services/library/foldTableCache';
import { mulberry32, randomText } from '../reuse/helpers';

describe('PersistedIndex: one file with the index, hashes, texts and records', () => {
  let tmp: string;
  const rnd = mulberry32(5);
  // astral characters and a lone surrogate survive the UTF-16 text section
  const docs = [
    { id: 'a', title: '甲', text: randomText(rnd, 3000) + '𠀋𠀌' },
    { id: 'b', title: '乙', text: '\ud800' + randomText(rnd, 2000) },
    { id: 'c', title: '丙', text: randomText(rnd, 1500) },
  ];
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-pindex-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('round-trips and checks the same through text readers as with strings', async () => {
    const index = new ReuseIndex();
    index.add(docs);
    const file = path.join(tmp, 'one.sdpx');
    await PersistedIndex.save(
      file,
      index,
      docs.map((d, i) => ({ id: d.id, hash: `h${i}`, ...(d.id !== 'c' ? { text: () => d.text } : {}), record: { n: i } })),
      { kind: 'test' },
    );
    const p = (await PersistedIndex.load(file))!;
    expect(p.meta).toEqual({ kind: 'test' });
    expect([...p.hashes]).toEqual([['a', 'h0'], ['b', 'h1'], ['c', 'h2']]);
    expect(p.fullText('a')).toBe(docs[0].text);
    expect(p.fullText('b')).toBe(docs[1].text);
    expect(p.hasText('c')).toBe(false);
    expect(p.text('c')).toBeUndefined();
    expect(p.textLength('a')).toBe(docs[0].text.length);
    expect(p.record('b')).toEqual({ n: 1 });
    const r = p.text('a')!;
    for (const [s, e] of [[0, 10], [2995, 3004], [-3, undefined], [5, 2], [100, 99999]] as [number, number | undefined][])
      expect(r.slice(s, e as number)).toBe(docs[0].text.slice(s, e));
    const draft = `开头。${docs[0].text.slice(400, 700)}中间。${docs[1].text.slice(100, 300)}`;
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const want = checkText(index, draft, { getSourceText: (id) => texts.get(id) });
    const got = checkText(p.index, draft, { getSourceText: (id) => (id === 'c' ? texts.get(id) : p.text(id)) });
    expect(got).toEqual(want);
    expect(got.passages.length).toBeGreaterThan(0);
    p.close();
    expect(() => r.slice(0, 5)).toThrow();
  });

  it('a file cut short, damaged or of another kind is no index (null), never an error', async () => {
    const index = new ReuseIndex();
    index.add(docs);
    const file = path.join(tmp, 'two.sdpx');
    await PersistedIndex.save(file, index, docs.map((d) => ({ id: d.id, hash: 'x', text: () => d.text })), null);
    const bytes = readFileSync(file);
    expect(await PersistedIndex.load(file)).not.toBeNull();
    writeFileSync(file, bytes.subarray(0, bytes.length - 1));
    expect(await PersistedIndex.load(file)).toBeNull();
    for (const at of [0, 4, 8, 12, 16]) {
      // magic, format, header length, index section length, the header's JSON
      const bad = Buffer.from(bytes);
      bad[at] ^= 0x41;
      writeFileSync(file, bad);
      expect(await PersistedIndex.load(file)).toBeNull();
    }
    // the prefix's size of the index before its postings must agree with the header
    const older = Buffer.from(bytes);
    expect(older.readUInt32LE(12)).toBeGreaterThan(0);
    older.writeUInt32LE(older.readUInt32LE(12) - 4, 12);
    writeFileSync(file, older);
    expect(await PersistedIndex.load(file)).toBeNull();
    writeFileSync(file, bytes);
    const p = (await PersistedIndex.load(file, { postings: 'stored' }))!;
    expect(p.fullText('b')).toBe(docs[1].text);
    expect(checkText(p.index, docs[2].text.slice(0, 400), { getSourceText: (id) => p.text(id) }).passages[0]?.sourceId).toBe('c');
    p.close();
    writeFileSync(file, 'not an index');
    expect(await PersistedIndex.load(file)).toBeNull();
    expect(await PersistedIndex.load(path.join(tmp, 'missing.sdpx'))).toBeNull();
  });

  it('with its postings left in the file, checks the same, reads only what lookups ask, and loads them all for a change', async () => {
    const index = new ReuseIndex();
    index.add(docs.slice(0, 2));
    index.add(docs.slice(2)); // two segments: each reads its own part of the postings section
    index.remove(['b']); // a removed document's postings are skipped when read by range too
    const file = path.join(tmp, 'stored.sdpx');
    await PersistedIndex.save(file, index, docs.map((d) => ({ id: d.id, hash: 'x', text: () => d.text })), null);
    const inMemory = (await PersistedIndex.load(file))!;
    const p = (await PersistedIndex.load(file, { postings: 'stored' }))!;
    expect(p.index.segments.length).toBe(2);
    expect(p.index.segments.every((s) => s.heldPostings === null)).toBe(true);
    expect(inMemory.index.segments.every((s) => s.heldPostings !== null)).toBe(true);
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const opts = { getSourceText: (id: string) => texts.get(id) };
    for (const draft of [docs[0].text.slice(100, 900), `开头。${docs[2].text.slice(0, 300)}${docs[1].text.slice(50, 400)}`]) {
      const want = checkText(index, draft, opts);
      expect(want.passages.length).toBeGreaterThan(0);
      expect(checkText(p.index, draft, opts)).toEqual(want);
      expect(checkText(inMemory.index, draft, opts)).toEqual(want);
    }
    // a lookup read ranges: the postings are still not in memory
    expect(p.index.segments.every((s) => s.heldPostings === null)).toBe(true);
    // a change merges (all postings read once) and saves the same index as the one held in memory
    p.index.compact();
    inMemory.index.compact();
    expect(Buffer.from(p.index.serialize()).equals(Buffer.from(inMemory.index.serialize()))).toBe(true);
    p.close();
    inMemory.close();
    const again = (await PersistedIndex.load(file, { postings: 'stored' }))!;
    again.close();
    expect(() => checkText(again.index, docs[0].text.slice(100, 900), opts)).toThrow(/closed/);
  });

  it('an index loaded from the file stays readable while a new one replaces it', async () => {
    const file = path.join(tmp, 'three.sdpx');
    const index = new ReuseIndex();
    index.add(docs);
    await PersistedIndex.save(file, index, docs.map((d) => ({ id: d.id, hash: 'old', text: () => d.text })), 1);
    const old = (await PersistedIndex.load(file))!;
    await PersistedIndex.save(file, index, [{ id: 'a', hash: 'new', text: () => old.fullText('b')! }], 2);
    expect(old.fullText('a')).toBe(docs[0].text);
    const now = (await PersistedIndex.load(file))!;
    expect(now.meta).toBe(2);
    expect(now.fullText('a')).toBe(docs[1].text);
    old.close();
    now.close();
  });
});

describe('the kept fold table', () => {
  it('is taken back only when it agrees with the rules', async () => {
    const t = foldTable();
    // already built in this process: any table is "taken" (the built one stays); refusal is for a fresh process
    expect(useFoldTable(t, foldRulesKey())).toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sd-fold-'));
    try {
      await keepFoldTable(dir);
      const [f] = (await import('node:fs')).readdirSync(dir);
      expect(f).toMatch(/^fold-.*\.bin$/);
      const kept = readFileSync(path.join(dir, f));
      expect(kept.length).toBe(24 + 131072);
      expect(kept.subarray(0, 16).toString('latin1')).toBe(foldRulesKey());
      expect(await useKeptFoldTable(dir)).toBe(true);
      writeFileSync(path.join(dir, f), Buffer.alloc(1000));
      expect(await useKeptFoldTable(dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a fresh process takes a table kept under its rules key and refuses one kept under another key', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sd-fold-'));
    try {
      await keepFoldTable(dir);
      const [f] = (await import('node:fs')).readdirSync(dir);
      const file = path.join(dir, f);
      // the child takes the kept table, or builds its own; it prints whether it took it and one folded word
      const probe = () => {
        const code = `const c = await import(${JSON.stringify(path.resolve('src/services/library/foldTableCache.ts'))});
const n = await import(${JSON.stringify(path.resolve('src/core/normalize/index.ts'))});
console.log(JSON.stringify([await c.useKeptFoldTable(${JSON.stringify(dir)}), n.normalizeForMatch('⑴凜冽，ＡＢ㈱國學').norm]));`;
        const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout.trim()) as [boolean, string];
      };
      expect(probe()).toEqual([true, '1凛冽ab株国学']);
      const kept = readFileSync(file);
      kept.write('0000000000000000', 0, 'latin1');
      // a table that folds 凜 to 凜 would be wrong: under another key it is not taken at all
      writeFileSync(file, kept);
      expect(probe()).toEqual([false, '1凛冽ab株国学']);
      // the right key but a damaged table: the checksum refuses it
      await keepFoldTable(dir);
      const damaged = readFileSync(file);
      damaged.writeUInt16LE(0x51dc, 24 + 2 * 0x51dc); // 凜 folded to itself
      writeFileSync(file, damaged);
      expect(probe()).toEqual([false, '1凛冽ab株国学']);
      await keepFoldTable(dir);
      expect(probe()).toEqual([true, '1凛冽ab株国学']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
