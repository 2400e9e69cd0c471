/**
 * A version per stage of the pipeline that turns files into the index. The index snapshot is keyed
 * by them (with the corpus hash and the index settings): bump the stage you change, and every
 * snapshot written before is rebuilt at the next start instead of serving the old output.
 *
 * `tests/core/pipelineFingerprint.test.ts` holds a fingerprint of what each stage makes of the
 * seeds: it fails, naming the version to bump, when a stage's output changes and its version
 * did not.
 */

/** The stages whose output the index keeps. */
export interface PipelineVersions {
  /** Paragraphs, sentences and passages (`corpus/segment.ts`, `corpus/sentenceSplit.ts`). */
  segmentation: number;
  /** Quotes and reported speech, speakers (`corpus/statements.ts`, `mentions.ts`, `names.ts`). */
  statements: number;
  /** Title, outlet, date, URL and author (`corpus/metadata.ts`, `corpus/dates.ts`, what the text states). */
  metadata: number;
  /** Index terms: tokenizer, stop words, lemmatizer and stemmer (`search/analyzer.ts`, `search/wordScanner.ts`). */
  analyzer: number;
}

/** This program's versions. */
export const PIPELINE_VERSIONS: Readonly<PipelineVersions> = {
  segmentation: 1,
  statements: 4,
  metadata: 1,
  analyzer: 2,
};

/** The stages, in a stable order. */
export const PIPELINE_STAGES: ReadonlyArray<keyof PipelineVersions> = ['segmentation', 'statements', 'metadata', 'analyzer'];
