/**
 * What each pipeline stage makes of the seeds (and the hard-wrapped wire fixtures), as a committed
 * fingerprint: when a stage's output changes, its version in `src/core/pipelineVersions.ts` must
 * change too, or every index snapshot written before would keep serving the old output.
 *
 * After bumping a version: `UPDATE_PIPELINE_FINGERPRINT=1 npx vitest run tests/core/pipelineFingerprint.test.ts`
 * records the new fingerprint and versions (commit the file).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus, PIPELINE_STAGES, PIPELINE_VERSIONS, type CorpusDocument, type PipelineVersions } from '../../src/core/index.js';
import { PassageIndex } from '../../src/core/search/passageIndex.js';

const FILE = 'tests/fixtures/pipeline.fingerprint.json';
const CORPORA = ['seeds', 'tests/fixtures/wire'];
const UPDATE_COMMAND = `UPDATE_PIPELINE_FINGERPRINT=1 npx vitest run tests/core/pipelineFingerprint.test.ts`;

/** Stages whose output feeds a later one: a bump of the earlier stage also invalidates the later one's output. */
const UPSTREAM: Record<keyof PipelineVersions, Array<keyof PipelineVersions>> = {
  segmentation: [],
  statements: ['segmentation'],
  metadata: ['segmentation'],
  analyzer: [],
};

interface Recorded {
  versions: PipelineVersions;
  fingerprints: Record<keyof PipelineVersions, string>;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}

/**
 * Index terms of every line of every file, one line a sentence: the analyzer's output on its own,
 * whatever the segmentation (through the index itself, so the word scanner counts too).
 */
function analyzerOutput(documents: readonly CorpusDocument[]): string[][] {
  const index = new PassageIndex();
  const out: string[][] = [];
  for (const doc of documents) {
    const sentences: CorpusDocument['sentences'] = [];
    let start = 0;
    for (const line of doc.text.split('\n')) {
      if (line.trim() !== '') sentences.push({ start, end: start + line.length, paragraph: 0 });
      start += line.length + 1;
    }
    const lines = { ...doc, id: `lines:${doc.id}`, meta: { ...doc.meta, title: null }, sentences, passages: [], statements: [], paragraphs: [] };
    index.add(lines);
    sentences.forEach((_, s) => out.push([...index.termsOfSentence(lines.id, s)]));
  }
  return out;
}

function fingerprints(): Record<keyof PipelineVersions, string> {
  const documents = CORPORA.flatMap((dir) => loadCorpus(dir).documents);
  return {
    segmentation: digest(documents.map((d) => [d.relPath, d.bodyStart, d.paragraphs, d.sentences, d.passages])),
    statements: digest(documents.map((d) => [d.relPath, d.statements])),
    metadata: digest(documents.map((d) => [d.relPath, d.meta])),
    analyzer: digest(analyzerOutput(documents)),
  };
}

describe('pipeline versions', () => {
  it('change whenever what a stage makes of the seeds changes', () => {
    const current = fingerprints();
    if (process.env['UPDATE_PIPELINE_FINGERPRINT'] === '1') {
      const recorded: Recorded = { versions: { ...PIPELINE_VERSIONS }, fingerprints: current };
      writeFileSync(FILE, `${JSON.stringify(recorded, null, 2)}\n`);
      return;
    }
    const recorded = JSON.parse(readFileSync(FILE, 'utf8')) as Recorded;
    const problems: string[] = [];
    for (const stage of PIPELINE_STAGES) {
      if (current[stage] === recorded.fingerprints[stage]) continue;
      const bumped = [stage, ...UPSTREAM[stage]].some((s) => PIPELINE_VERSIONS[s] !== recorded.versions[s]);
      if (!bumped) {
        problems.push(
          `the ${stage} output of the seeds changed but its version did not: bump PIPELINE_VERSIONS.${stage} in src/core/pipelineVersions.ts ` +
            `(now ${PIPELINE_VERSIONS[stage]}) so that old index snapshots are rebuilt, then run ${UPDATE_COMMAND}`,
        );
      }
    }
    const changedVersions = PIPELINE_STAGES.filter((stage) => PIPELINE_VERSIONS[stage] !== recorded.versions[stage]);
    if (problems.length === 0 && changedVersions.length > 0) {
      problems.push(`pipeline versions changed (${changedVersions.join(', ')}): record the new fingerprint with ${UPDATE_COMMAND} and commit ${FILE}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
