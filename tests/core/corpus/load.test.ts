import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestionRules, loadCorpus, loadCorpusParallel } from '../../../src/core/corpus/load.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCorpus', () => {
  it('loads the seeds with text exactly as stored', () => {
    const { documents, warnings } = loadCorpus('seeds');
    expect(warnings).toEqual([]);
    expect(documents.map((d) => d.id)).toEqual([
      '000_c39a801cf85dcbb3', '001_953c6a8def8152e0', '002_5fed4d3acbf6fb6c', '003_6c1a8c9789bfba52', '004_fdd6b21969784f78',
    ]);
    for (const doc of documents) {
      expect(doc.path).toBe(`seeds/${doc.id}.txt`);
      expect(doc.text).toBe(readFileSync(doc.path, 'utf8'));
    }
  });

  it('reads Markdown front matter and a plain-text sidecar, in subfolders too', () => {
    mkdirSync(join(dir, 'md'));
    writeFileSync(join(dir, 'md', 'a.md'), '---\ntitle: Front title\noutlet: Reuters\n---\n# Ignored heading\n\nBody sentence one. Body two.\n');
    writeFileSync(join(dir, 'b.txt'), 'Plain body sentence here.\n');
    writeFileSync(join(dir, 'b.meta.yml'), 'title: Sidecar title\npublished: 2021-06-01\n');
    const { documents, warnings } = loadCorpus(dir);
    expect(warnings).toEqual([]);
    const a = documents.find((d) => d.id === 'a')!;
    expect(a.relPath).toBe('md/a.md');
    expect(a.meta).toMatchObject({ title: 'Front title', outlet: 'Reuters' });
    expect(a.text.slice(a.sentences[0]!.start, a.sentences[0]!.end)).toBe('Body sentence one.');
    expect(documents.find((d) => d.id === 'b')!.meta).toMatchObject({ title: 'Sidecar title', published: '2021-06-01' });
  });

  it('skips bad files with a warning naming the file and why, and serves the rest', () => {
    writeFileSync(join(dir, 'good.txt'), 'A good sentence about cameras.\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    writeFileSync(join(dir, 'front.md'), '---\ntitle: [broken\n---\nBody.\n');
    mkdirSync(join(dir, 'folder.txt'));
    writeFileSync(join(dir, 'ignored.pdf'), 'not a document type');
    const { documents, warnings } = loadCorpus(dir);
    expect(documents.map((d) => d.id)).toEqual(['good']);
    const reasons = Object.fromEntries(warnings.map((w) => [w.path.slice(dir.length + 1), w.reason]));
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['front.md']).toMatch(/malformed front matter/);
    expect(Object.keys(reasons)).toHaveLength(4);
  });

  it('serves the first of two documents with the same id (path order) and skips the other, naming both', () => {
    writeFileSync(join(dir, 'same.txt'), 'One sentence.\n');
    writeFileSync(join(dir, 'same.md'), 'Another sentence.\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'same.txt'), 'A third sentence.\n');
    const { documents, skipped } = loadCorpus(dir);
    expect(documents.map((d) => d.relPath)).toEqual(['same.md']);
    expect(skipped.map((w) => w.path)).toEqual([join(dir, 'same.txt'), join(dir, 'sub', 'same.txt')]);
    for (const warning of skipped) expect(warning.reason).toContain(`"${join(dir, 'same.md')}"`);
  });

  it('reads only files inside the corpus folder: links leading outside are skipped with a warning, links inside read once', () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'The launch code is hunter2.\n');
      mkdirSync(join(outside, 'folder'));
      writeFileSync(join(outside, 'folder', 'more.txt'), 'Another secret sentence.\n');
      writeFileSync(join(outside, 'secret.meta.yml'), 'title: Stolen title\n');
      writeFileSync(join(dir, 'real.txt'), 'A real sentence about cameras.\n');
      symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
      symlinkSync(join(outside, 'folder'), join(dir, 'linked-folder'));
      symlinkSync(join(dir, 'real.txt'), join(dir, 'alias.txt'));
      symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'broken.txt'));
      symlinkSync(join(outside, 'secret.meta.yml'), join(dir, 'real.meta.yml'));
      const { documents, skipped, warnings } = loadCorpus(dir);
      expect(documents.map((d) => d.relPath)).toEqual(['real.txt']);
      expect(documents[0]!.meta.title).toBeNull();
      const reasons = Object.fromEntries(skipped.map((w) => [w.path.slice(dir.length + 1), w.reason]));
      expect(Object.keys(reasons).sort()).toEqual(['alias.txt', 'broken.txt', 'leak.txt', 'linked-folder']);
      expect(reasons['leak.txt']).toMatch(/symbolic link that leads outside the corpus folder/);
      expect(reasons['linked-folder']).toMatch(/outside the corpus folder/);
      expect(reasons['alias.txt']).toMatch(/read under its own name/);
      expect(reasons['broken.txt']).toMatch(/link to nothing/);
      expect(warnings.find((w) => w.path === join(dir, 'real.meta.yml'))?.reason).toMatch(/sidecar .*outside the corpus folder/);
      expect(JSON.stringify(documents)).not.toContain('hunter2');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads a corpus folder that is itself a link, and links to files inside it that it would not list', () => {
    const real = join(dir, 'real-corpus');
    mkdirSync(join(real, '.drafts'), { recursive: true });
    writeFileSync(join(real, 'a.txt'), 'A sentence about cars.\n');
    writeFileSync(join(real, '.drafts', 'draft.txt'), 'A draft sentence about trains.\n');
    symlinkSync(join(real, '.drafts', 'draft.txt'), join(real, 'published.txt'));
    symlinkSync(real, join(dir, 'corpus-link'));
    const { documents, skipped } = loadCorpus(join(dir, 'corpus-link'));
    expect(documents.map((d) => d.relPath)).toEqual(['a.txt', 'published.txt']);
    expect(skipped).toEqual([]);
  });

  it('skips files larger than the size limit with a warning that says how to raise it', () => {
    writeFileSync(join(dir, 'small.txt'), 'A small sentence about cameras.\n');
    writeFileSync(join(dir, 'big.txt'), 'A sentence about something large. '.repeat(40_000));
    const { documents, skipped } = loadCorpus(dir, ingestionRules(1));
    expect(documents.map((d) => d.id)).toEqual(['small']);
    expect(skipped).toEqual([{ path: join(dir, 'big.txt'), reason: expect.stringMatching(/larger than the limit \(1\.3 MB, the limit is 1 MB\); raise MAX_FILE_MB/) }]);
    expect(loadCorpus(dir, ingestionRules(2)).documents.map((d) => d.id)).toEqual(['big', 'small']);
    expect(loadCorpus(dir).documents).toHaveLength(2);
  });

  it('loads the same documents and skips the same files on worker threads', async () => {
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `doc${String(i).padStart(2, '0')}.txt`), `Sentence number ${i} about cameras.\n`);
    writeFileSync(join(dir, 'doc03.md'), 'A duplicate id.\n');
    writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(2 * 1024 * 1024));
    symlinkSync('/etc/hostname', join(dir, 'leak.txt'));
    const rules = ingestionRules(1);
    const inThread = loadCorpus(dir, rules);
    const delivered: string[] = [];
    const parallel = await loadCorpusParallel(dir, { rules, threads: 2, batchSize: 2, onDocuments: (docs) => delivered.push(...docs.map((d) => d.id)) });
    expect(parallel.documents.map((d) => d.relPath)).toEqual(inThread.documents.map((d) => d.relPath));
    expect(delivered).toEqual(inThread.documents.map((d) => d.id));
    expect(parallel.skipped).toEqual(inThread.skipped);
    expect(parallel.skipped.map((w) => w.path.slice(dir.length + 1))).toEqual(['doc03.txt', 'huge.txt', 'leak.txt']);
  });

  it('says which path it looked for when the folder is missing', () => {
    expect(() => loadCorpus(join(dir, 'nope'))).toThrow(new RegExp(`looked for "${join(dir, 'nope')}"`));
  });
});
