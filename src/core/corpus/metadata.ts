/**
 * Metadata a source states explicitly: YAML front matter (Markdown) or a YAML sidecar
 * (`article.txt` + `article.meta.yml`). Fields: title, outlet, url, published, author.
 * Anything else is ignored; a field of the wrong type is dropped with a warning.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseDateInput } from './dates.js';
import { DocumentError } from './errors.js';
import { isHttpUrl } from '../url.js';
import type { DocumentMeta } from './types.js';

/** Metadata read from front matter or a sidecar, plus what was wrong with it. */
export interface StatedMeta {
  meta: Partial<DocumentMeta>;
  warnings: string[];
}

/** Front matter found at the top of a file. */
export interface FrontMatter extends StatedMeta {
  /** Offset where the body starts (0 when there is no front matter). */
  bodyStart: number;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

const textField = z.string().trim().min(1);
const FIELD_SCHEMAS = {
  title: textField,
  outlet: textField,
  author: textField,
  url: z.string().trim().refine(isHttpUrl, 'is not an http(s) URL'),
  published: z.union([z.string(), z.date(), z.number()]),
} as const;

type FieldName = keyof typeof FIELD_SCHEMAS;

/**
 * Reads YAML front matter (`---` … `---`) at the very start of a file.
 *
 * @throws DocumentError when the block is there but is not a YAML mapping.
 */
export function readFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  if (!match || match.index !== 0) {
    if (/^\uFEFF?---[ \t]*\r?\n/.test(text) && !match) {
      throw new DocumentError('front matter starts with "---" but has no closing "---" line');
    }
    return { meta: {}, warnings: [], bodyStart: 0 };
  }
  const stated = readYamlMeta(match[1] ?? '', 'front matter');
  return { ...stated, bodyStart: match[0].length };
}

/**
 * Reads a YAML sidecar file's content.
 *
 * @throws DocumentError when it is not a YAML mapping.
 */
export function readSidecar(yamlText: string): StatedMeta {
  return readYamlMeta(yamlText, 'sidecar');
}

function readYamlMeta(yamlText: string, what: string): StatedMeta {
  let data: unknown;
  try {
    data = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DocumentError(`malformed ${what}: ${reason}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DocumentError(`malformed ${what}: expected "key: value" lines (a YAML mapping)`);
  }
  const meta: Partial<DocumentMeta> = {};
  const warnings: string[] = [];
  const record = data as Record<string, unknown>;
  for (const field of Object.keys(FIELD_SCHEMAS) as FieldName[]) {
    if (record[field] === undefined || record[field] === null) continue;
    const parsed = FIELD_SCHEMAS[field].safeParse(record[field]);
    if (!parsed.success) {
      warnings.push(`${what} field "${field}" ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    if (field === 'published') {
      const value = parsed.data instanceof Date ? parsed.data.toISOString() : String(parsed.data);
      const date = parseDateInput(value);
      if (date) meta.published = date;
      else warnings.push(`${what} field "published" ignored: "${value}" is not a date (use YYYY-MM-DD)`);
    } else {
      meta[field] = String(parsed.data);
    }
  }
  return { meta, warnings };
}
