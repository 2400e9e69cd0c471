// Type declarations for the benchmark's dev dependencies that ship none.

declare module 'nlp-corpus' {
  /** Every sentence of the corpus, in the package's order. */
  export function all(): string[];
  /** The first `max` sentences. */
  export function some(max?: number): string[];
}
