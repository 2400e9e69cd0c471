/**
 * The size of a passage, on its own so that the snapshot codec can put it in its settings hash
 * without loading segmentation (`segment.ts` and its sentence splitter, which a start from the
 * snapshot never runs).
 */

/** Sentences per passage at most: passages are what the index ranks. */
export const MAX_SENTENCES_PER_PASSAGE = 3;
