import { describe, expect, it } from 'vitest';
import { readFrontMatter, readSidecar } from '../../../src/core/corpus/metadata.js';
import { DocumentError } from '../../../src/core/corpus/errors.js';
import { findDate, parseDateInput } from '../../../src/core/corpus/dates.js';

describe('front matter', () => {
  it('reads the known fields and where the body starts', () => {
    const text = '---\ntitle: A headline\noutlet: TRT World\npublished: 2021-05-26\nurl: https://example.com/a\nauthor: Jane Doe\nextra: ignored\n---\nBody text.';
    const front = readFrontMatter(text);
    expect(front.meta).toEqual({
      title: 'A headline', outlet: 'TRT World', published: '2021-05-26', url: 'https://example.com/a', author: 'Jane Doe',
    });
    expect(text.slice(front.bodyStart)).toBe('Body text.');
  });

  it('is absent when the file does not start with ---', () => {
    expect(readFrontMatter('Plain text.\n---\n')).toEqual({ meta: {}, warnings: [], bodyStart: 0 });
  });

  it('rejects malformed YAML and an unclosed block', () => {
    expect(() => readFrontMatter('---\ntitle: [unclosed\n---\nBody.')).toThrow(DocumentError);
    expect(() => readFrontMatter('---\ntitle: x\nBody without end.')).toThrow(/no closing/);
    expect(() => readFrontMatter('---\n- a list\n---\nBody.')).toThrow(/mapping/);
  });

  it('drops a field of the wrong type with a warning', () => {
    const front = readFrontMatter('---\ntitle: ok\nurl: javascript:alert(1)\npublished: someday\n---\nBody.');
    expect(front.meta).toEqual({ title: 'ok' });
    expect(front.warnings).toHaveLength(2);
  });
});

describe('sidecar', () => {
  it('reads the same fields from a YAML file', () => {
    expect(readSidecar('outlet: Reuters\npublished: "May 3, 2021"\n').meta).toEqual({ outlet: 'Reuters', published: '2021-05-03' });
  });
});

describe('dates', () => {
  it('reads the forms articles use', () => {
    expect(findDate('Published: May 26, 2021, 3:19 PM | Last Updated: May 27, 2021')).toBe('2021-05-26');
    expect(findDate('Wednesday, 26 May 2021')).toBe('2021-05-26');
    expect(findDate('in March')).toBeNull();
    expect(parseDateInput('2021-05')).toBe('2021-05-01');
    expect(parseDateInput('2021-02-30')).toBeNull();
  });
});
