import { describe, expect, it } from 'vitest';
import { labelNames, parseLabelled } from './labelled-data';

describe('parseLabelled', () => {
  it('reads label<TAB>text lines (the text may hold tabs) and skips blank lines', () => {
    expect(parseLabelled('pos\tgood\tfilm\n\nneg\tbad\r\n', 'auto', 'f')).toEqual([
      { label: 'pos', text: 'good\tfilm', line: 1 },
      { label: 'neg', text: 'bad', line: 3 },
    ]);
  });

  it('reads JSON lines when the first line is an object, labels as text', () => {
    expect(
      parseLabelled('{"text":"a","label":1}\n{"label":true,"text":"b"}\n', 'auto', 'f'),
    ).toEqual([
      { label: '1', text: 'a', line: 1 },
      { label: 'true', text: 'b', line: 2 },
    ]);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parseLabelled('{"text":"a","label":1}\n{"text":2}\n', 'auto', 'f')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'f: line 2: expected a string "text", got number',
      }),
    );
    expect(() => parseLabelled('{"text":"a"}\n', 'jsonl', 'f')).toThrow(
      'f: line 1: expected "label" as a string, number or boolean, got undefined',
    );
    expect(() => parseLabelled('{oops\n', 'jsonl', 'f')).toThrow(/^f: line 1: not JSON: /);
    expect(() => parseLabelled('{"text":"a","label":1}\n', 'tsv', 'f')).toThrow(
      'f: line 1: expected "label<TAB>text", found no tab',
    );
  });
});

describe('labelNames', () => {
  const ex = (labels: string[]) => labels.map((label, i) => ({ label, text: 't', line: i + 1 }));

  it('sorts integer labels as numbers and other labels as text', () => {
    expect(labelNames(ex(['10', '2', '0', '2']), ex(['0']), undefined, 'p')).toEqual([
      '0',
      '2',
      '10',
    ]);
    expect(labelNames(ex(['spam', 'ham']), ex([]), undefined, 'p')).toEqual(['ham', 'spam']);
  });

  it('keeps the order of --labels and rejects labels it lacks, or fewer than two classes', () => {
    expect(labelNames(ex(['a', 'b']), ex(['b']), ['b', 'a'], 'p')).toEqual(['b', 'a']);
    expect(() => labelNames(ex(['a', 'c']), ex([]), ['a', 'b'], 'p')).toThrow(
      'p: --train line 2: label "c" is not in --labels (a, b)',
    );
    expect(() => labelNames(ex(['a', 'a']), ex([]), undefined, 'p')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
