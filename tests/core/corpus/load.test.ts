import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load.js';
import { CorpusError } from '../../../src/core/corpus/errors.js';

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

  it('refuses two documents with the same id, naming both', () => {
    writeFileSync(join(dir, 'same.txt'), 'One sentence.\n');
    writeFileSync(join(dir, 'same.md'), 'Another sentence.\n');
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(/same\.md.*same\.txt|same\.txt.*same\.md/);
  });

  it('says which path it looked for when the folder is missing', () => {
    expect(() => loadCorpus(join(dir, 'nope'))).toThrow(new RegExp(`looked for "${join(dir, 'nope')}"`));
  });
});
