/** All text of some Block Kit blocks (mrkdwn and plain text as sent), joined by newlines. */
export function textOf(blocks: unknown): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record['text'] === 'string') texts.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return texts.join('\n');
}
