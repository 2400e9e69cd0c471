/**
 * The answering core, Slack-agnostic: load a corpus, index it, answer questions with
 * verbatim, attributed excerpts.
 */
export type { Answer, AnswerOptions, AlsoIn, Excerpt, ExcerptSource, Intent, SourceLabel, SourceLabelKind } from './answer/types.js';
export { sourceLabel, LEAD_LABEL_CHARS } from './answer/sourceLabel.js';
export type { ContextParagraph, ExcerptContext } from './answer/excerptContext.js';
export type { CorpusDocument, CorpusWarning, DocumentMeta, Passage, Sentence, Span, Statement } from './corpus/types.js';
export { AnswerEngine, type AnswerEngineOptions, type CorpusStats, type DocumentSummary } from './answer/engine.js';
export { parseQuestion, MAX_QUESTION_LENGTH, type ParsedQuestion, type QuestionFilters } from './answer/question.js';
export type { SpeakerSummary } from './answer/speakers.js';
export {
  loadCorpus, loadCorpusParallel, loadDocumentFile, loadDocumentFileInWorker, listDocumentFiles, listCorpusFiles, checkCorpusFile, isDocumentFile, isSidecarFile, documentId,
  duplicateIdReason, ingestionRules, DEFAULT_INGESTION_RULES, DEFAULT_MAX_FILE_MB,
  type FileCheck, type FileStamp, type IngestionRules, type LoadedCorpus, type LoadedFile, type ParallelLoadOptions,
} from './corpus/load.js';
export { PIPELINE_VERSIONS, PIPELINE_STAGES, type PipelineVersions } from './pipelineVersions.js';
export { parseDocument, type DocumentInput, type ParsedDocument } from './corpus/parse.js';
export { CorpusError, DocumentError } from './corpus/errors.js';
export { parseDateInput } from './corpus/dates.js';
export { terms, tokenize, fold, type Token } from './search/analyzer.js';
export { SnapshotError, SNAPSHOT_VERSION, type SnapshotInfo } from './search/snapshot.js';
export { isHttpUrl } from './url.js';
