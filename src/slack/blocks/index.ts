/** Block Kit rendering: pure functions from answers and corpus facts to Slack messages and views. */
export * from './actions.js';
export * from './answer.js';
export * from './help.js';
export * from './home.js';
export * from './kit.js';
export * from './mrkdwn.js';
export * from './notices.js';
export * from './sources.js';
export { EXAMPLE_QUESTIONS } from './examples.js';
export { highlighted, questionTerms } from './highlight.js';
export * from './richText.js';
