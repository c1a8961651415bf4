import { describe, expect, it } from 'vitest';
import { htmlTable } from './html-table';
import { assertWellFormed } from './test-helpers';

describe('htmlTable', () => {
  const html = htmlTable(
    [{ header: 'model' }, { header: 'ppl', numeric: true, title: 'perplexity' }],
    [
      ['bert <mlm>', '12.3'],
      [{ html: '<b>gpt2</b>' }, 4],
      [null, null],
    ],
    { id: 't1', caption: 'A & B', highlightRows: [1] },
  );

  it('has a header row and one body row per input row', () => {
    expect(html.match(/<tr/g)).toHaveLength(4);
    expect(html).toContain('<table id="t1">');
    expect(html).toContain('<caption>A &amp; B</caption>');
    assertWellFormed(html);
  });

  it('right-aligns numeric columns', () => {
    expect(html).toContain('<th scope="col" class="num" title="perplexity">ppl</th>');
    expect(html).toContain('<td class="num">12.3</td>');
    expect(html).toContain('<td class="num">4</td>');
  });

  it('escapes text cells and keeps html cells', () => {
    expect(html).toContain('<td>bert &lt;mlm&gt;</td>');
    expect(html).toContain('<td><b>gpt2</b></td>');
  });

  it('marks long-text columns so they wrap', () => {
    expect(htmlTable([{ header: 'text', wrap: true }], [['a b']])).toContain(
      '<td class="text">a b</td>',
    );
  });

  it('marks highlighted rows', () => {
    expect(html).toContain('<tr class="highlight"><td><b>gpt2</b>');
  });
});
