/**
 * The editor's other views of a file, computed from the index: formatting decisions, lineage code lenses and
 * folding ranges. A `|` at the start of a file names the file under test.
 */
import assert from 'node:assert/strict';
import { foldingRanges, formatDocument, modelLenses } from '../../../server/src/core/navigation';
import { cursorFixture, shop } from './cursor-fixture';

describe('navigation: formatting', () => {
  it('formats a model in its project dialect, with the requested indent and keyword case', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "|select id from {{ ref('stg_orders') }} where id > 1" }));
    const result = formatDocument(f.index, f.file, { indent: 4, keywordCase: 'upper' });
    assert.equal(result.text, "SELECT\n    id\nFROM\n    {{ ref('stg_orders') }}\nWHERE\n    id > 1\n");
    assert.equal(result.changed, true);
  });

  it('leaves macros and properties alone, saying why', () => {
    const f = cursorFixture(shop({ 'macros/cents_to_dollars.sql': '|{% macro cents_to_dollars(c) %}({{ c }} / 100){% endmacro %}' }));
    const result = formatDocument(f.index, f.file, { indent: 2, keywordCase: 'upper' });
    assert.deepEqual([result.changed, result.skipped], [false, 'macros/cents_to_dollars.sql is not a SQL model']);
    assert.match(formatDocument(f.index, 'models/staging/_models.yml', { indent: 2, keywordCase: 'upper' }).skipped!, /not a SQL model/);
  });
});

describe('navigation: code lenses', () => {
  it('counts direct parents and children of a model, tests excluded', () => {
    const f = cursorFixture(
      shop({
        'models/staging/stg_orders.sql': "|select id from {{ source('raw', 'orders') }}",
        'tests/assert_orders_positive.sql': "select * from {{ ref('stg_orders') }} where id < 0",
      }),
    );
    assert.deepEqual(
      modelLenses(f.index, f.file).map((lens) => [lens.name, lens.upstream, lens.downstream, lens.title]),
      [['stg_orders', 1, 1, '↑ 1 upstream · ↓ 1 downstream']],
    );
    assert.ok(f.index.children('model.shop.stg_orders').some((id) => f.index.node(id)?.resourceType === 'test'), 'the singular test is a child in the graph');
  });

  it('shows nothing for files that define no model', () => {
    const f = cursorFixture(shop({ 'macros/cents_to_dollars.sql': '|{% macro cents_to_dollars(c) %}{{ c }}{% endmacro %}' }));
    assert.deepEqual(modelLenses(f.index, f.file), []);
  });
});

describe('navigation: folding ranges', () => {
  const folds = (file: string, text: string) => {
    const f = cursorFixture(shop({ [file]: `|${text}` }));
    return foldingRanges(f.index, f.file)?.map((fold) => [fold.startLine, fold.endLine, fold.kind]);
  };

  it('folds Jinja blocks up to their end tag, and multi-line comments whole', () => {
    const text = [
      '{# A comment',
      '   on two lines. #}',
      '{% set columns %}',
      'id, amount',
      '{% endset %}',
      "{% set inline = 'not a block' %}",
      'select',
      '{% for c in [1, 2] %}',
      '  {{ c }},',
      '  {% if c > 1 %}',
      '  {{ c }} as twice,',
      '  {% endif %}',
      '{% endfor %}',
      '1 as one',
    ].join('\n');
    assert.deepEqual(folds('models/marts/fct_orders.sql', text), [
      [0, 1, 'comment'],
      [2, 3, 'block'],
      [7, 11, 'block'],
      [9, 10, 'block'],
    ]);
  });

  it('folds macros, and tolerates an end tag without its start', () => {
    const text = ['{% macro m(x) %}', '  {{ x }}', '{% endmacro %}', '{% endif %}'].join('\n');
    assert.deepEqual(folds('macros/m.sql', text), [[0, 1, 'block']]);
  });

  it('folds the CTEs of a model', () => {
    const text = ['with orders as (', '  select 1 as id', '),', 'customers as (', '  select 2 as id', ')', 'select * from orders'].join('\n');
    assert.deepEqual(folds('models/marts/fct_orders.sql', text), [
      [0, 1, 'block'],
      [3, 4, 'block'],
    ]);
  });

  it('leaves properties files to the editor', () => {
    assert.equal(folds('models/staging/_other.yml', 'version: 2\n'), undefined);
  });
});
