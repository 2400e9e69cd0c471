/** Example questions shown in help and on the App Home (questions, never answers). */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'what did Musk say',
  'where is the data stored?',
  'why did China restrict Tesla cars?',
  'what did Tesla say since:2021-05-01',
];
