import assert from 'node:assert/strict';
import { scanTags } from '../../../server/src/core/render/jinja-lexer';

/** Each tag as `kind keyword: code`, which is what the translation passes read. */
function tagsOf(text: string): string[] {
  return scanTags(text).map((tag) => `${tag.kind} ${tag.keyword}: ${text.slice(tag.codeStart, tag.codeEnd)}`.replace(/ +/g, ' '));
}

describe('render scanTags (on the core Jinja lexer)', () => {
  it('lists expression, statement and comment tags with their code and keyword', () => {
    assert.deepEqual(tagsOf("select {{ ref('a') }} {%- if x -%}1{% endif %}{# note #}"), [
      "expr : ref('a') ",
      'stmt if: if x ',
      'stmt endif: endif ',
      'comment : note ',
    ]);
    const [tag] = scanTags('a {{- x +}} b');
    assert.deepEqual({ start: tag.start, end: tag.end, codeStart: tag.codeStart, codeEnd: tag.codeEnd }, { start: 2, end: 11, codeStart: 5, codeEnd: 8 });
  });

  it('ends a tag only at a closer outside strings and brackets', () => {
    assert.deepEqual(tagsOf("{{ {'a': {'b': 1}} }}{{ '}}' }}{% set s = \"%}\" %}"), ["expr : {'a': {'b': 1}} ", "expr : '}}' ", 'stmt set: set s = "%}" ']);
  });

  it('treats raw blocks as text and lists no tags inside them', () => {
    assert.deepEqual(tagsOf('{% raw %}{{ not_a_tag }}{% endraw %}{{ after }}'), ['expr : after ']);
    assert.deepEqual(tagsOf('{%- raw -%} {% if %} {%- endraw %}{{ after }}'), ['expr : after ']);
  });

  it('skips an unclosed delimiter and still finds the tags after it', () => {
    assert.deepEqual(tagsOf("{# no end\n{% if y {{ ref('a') }}\n{{ ref('b') }}"), ["expr : ref('a') ", "expr : ref('b') "]);
  });
});
