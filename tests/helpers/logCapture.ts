/** A pino destination that keeps every line, parsed, so tests can assert on what was logged. */
export interface LogCapture {
  write(line: string): void;
  /** Parsed log lines. */
  readonly lines: Array<Record<string, unknown>>;
  /** The raw text of every line, to search for things that must never appear. */
  readonly text: () => string;
  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined;
}

export function captureLogs(): LogCapture {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  return {
    write(line: string) {
      raw.push(line);
      for (const part of line.split('\n')) {
        if (part.trim() !== '') lines.push(JSON.parse(part) as Record<string, unknown>);
      }
    },
    lines,
    text: () => raw.join(''),
    find: (predicate) => lines.find(predicate),
  };
}
