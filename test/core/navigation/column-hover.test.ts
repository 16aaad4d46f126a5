/**
 * Hover on a column in model SQL, on cursor-marked fixtures: the column's lineage one hop up, its type and
 * description from the properties, the contract or catalog.json, and what is not a column (Jinja, keywords,
 * relation names and aliases, qualifiers, function names). SQL that cannot be read or traced never throws.
 */
import assert from 'node:assert/strict';
import { loadColumnTracer, type ColumnTracer } from '../../../server/src/core/lineage';
import { columnAt, hoverAt } from '../../../server/src/core/navigation';
import { cursorFixture } from './cursor-fixture';

/** One source, one documented staging model with a contract, and a catalog that knows a column the YAML does not. */
const PROJECT: Record<string, string> = {
  'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n",
  'models/_sources.yml': [
    'version: 2',
    'sources:',
    '  - name: raw',
    '    tables:',
    '      - name: orders',
    '        columns:',
    '          - name: id',
    '            description: Primary key of the order.',
    '          - name: customer_id',
    '          - name: amount_cents',
    '            description: Total in cents.',
    '          - name: status',
    '      - name: customers',
    '        columns: [{ name: id }, { name: name }]',
  ].join('\n'),
  'models/_models.yml': [
    'version: 2',
    'models:',
    '  - name: stg_orders',
    '    config:',
    '      contract: {enforced: true}',
    '    columns:',
    '      - name: order_id',
    '        data_type: int64',
    '        description: Primary key of the order, renamed.',
    '      - name: customer_id',
    '        data_type: int64',
    '      - name: amount',
    '        data_type: numeric',
    '  - name: fct_orders',
    '    columns:',
    '      - name: amount',
    '        description: Order total in dollars.',
  ].join('\n'),
  'target/catalog.json': JSON.stringify({
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' },
    nodes: {
      'model.shop.fct_orders': {
        unique_id: 'model.shop.fct_orders',
        metadata: { type: 'table', name: 'fct_orders' },
        columns: { order_id: { name: 'order_id', type: 'INT64', index: 1 }, amount: { name: 'amount', type: 'NUMERIC', index: 2 } },
        stats: {},
      },
    },
    sources: {},
  }),
  'models/stg_orders.sql': [
    'with source as (',
    "    select * from {{ source('raw', 'orders') }}",
    '),',
    'renamed as (',
    '    select id as order_id, customer_id, amount_cents / 100 as amount, status',
    '    from source',
    ')',
    'select * from renamed',
  ].join('\n'),
  'models/fct_orders.sql': [
    'select',
    '    o.order_id,',
    '    o.amount as amount,',
    '    c.name as customer_name',
    "from {{ ref('stg_orders') }} as o",
    "left join {{ source('raw', 'customers') }} c on o.customer_id = c.id",
    "where o.status = 'placed'",
  ].join('\n'),
};

/** The project with one file replaced; its `|` marks the cursor. */
function fixture(file: string, text: string): string {
  return Object.entries({ ...PROJECT, [file]: text })
    .map(([path, content]) => `${/\.ya?ml$/.test(path) ? '#' : '--'} @file ${path}\n${content}\n`)
    .join('\n');
}

/** The cursor goes where `marked` (a fragment of the file with one `|`) says, in the project's text of the file. */
function at(file: string, marked: string, text = PROJECT[file]): string {
  const plain = marked.replace('|', '');
  const start = text.indexOf(plain);
  assert.ok(start >= 0, `${JSON.stringify(plain)} is not in ${file}`);
  return fixture(file, text.slice(0, start) + marked + text.slice(start + plain.length));
}

let tracer: ColumnTracer;

function hover(source: string, withTracer = true): string | undefined {
  const f = cursorFixture(source);
  return hoverAt(f.index, f.file, f.offset, { tracer: withTracer ? tracer : undefined })?.markdown;
}

describe('navigation: column hover', function () {
  this.timeout(60000);

  before(async () => {
    tracer = await loadColumnTracer();
  });

  const cases: { name: string; source: () => string; expected: string }[] = [
    {
      name: 'an output column that is passed through from a parent, with the parent column\'s contract type',
      source: () => at('models/fct_orders.sql', 'o.order_|id,'),
      expected: ['**column** `order_id` · model `fct_orders`', '', 'Type: `INT64` (catalog)', '', '**One hop up**', '', '- `order_id` of model `stg_orders` · pass-through · `int64` · Primary key of the order, renamed.'].join('\n'),
    },
    {
      name: 'an output alias, with the description from YAML and the type from the catalog',
      source: () => at('models/fct_orders.sql', 'o.amount as am|ount'),
      expected: ['**column** `amount` · model `fct_orders`', '', 'Order total in dollars.', '', 'Type: `NUMERIC` (catalog)', '', '**One hop up**', '', '- `amount` of model `stg_orders` · pass-through · `numeric`'].join('\n'),
    },
    {
      name: 'a renamed output column, traced from a parent that is a source',
      source: () => at('models/fct_orders.sql', 'c.name as customer_na|me'),
      expected: ['**column** `customer_name` · model `fct_orders`', '', '**One hop up**', '', '- `name` of source `raw.customers` · rename'].join('\n'),
    },
    {
      name: 'an output column read through `select *` from CTEs, whose type the enforced contract declares',
      source: () => fixture('models/stg_orders.sql', PROJECT['models/stg_orders.sql'].replace('select * from renamed', 'select order_|id, amount from renamed')),
      expected: ['**column** `order_id` · model `stg_orders`', '', 'Primary key of the order, renamed.', '', 'Type: `int64` (contract)', '', '**One hop up**', '', '- `id` of source `raw.orders` · rename · Primary key of the order.'].join('\n'),
    },
    {
      name: "a column a CTE defines with an expression: a transformation of the parent's column",
      source: () => at('models/stg_orders.sql', 'as amo|unt'),
      expected: ['**column** `amount` · CTE `renamed` of model `stg_orders`', '', '**One hop up**', '', '- `amount_cents` of source `raw.orders` · transformation · Total in cents.'].join('\n'),
    },
    {
      name: 'a reference inside an expression, through a CTE that reads a source with `select *`',
      source: () => at('models/stg_orders.sql', 'amount_ce|nts / 100'),
      expected: ['**column** `amount_cents` · read in model `stg_orders`', '', '**One hop up**', '', '- `amount_cents` of source `raw.orders` · pass-through · Total in cents.'].join('\n'),
    },
    {
      name: 'a qualified reference in a join condition resolves its alias',
      source: () => at('models/fct_orders.sql', 'c.i|d'),
      expected: ['**column** `c.id` · read in model `fct_orders`', '', '**One hop up**', '', '- `id` of source `raw.customers` · pass-through'].join('\n'),
    },
    {
      name: 'a qualified reference in a WHERE clause',
      source: () => at('models/fct_orders.sql', 'o.stat|us'),
      expected: ['**column** `o.status` · read in model `fct_orders`', '', '**One hop up**', '', '- `status` of model `stg_orders` · pass-through'].join('\n'),
    },
    {
      name: 'an alias named again in ORDER BY is the output column',
      source: () => fixture('models/fct_orders.sql', "select count(*) as n from {{ ref('stg_orders') }} order by |n"),
      expected: ['**column** `n` · model `fct_orders`', '', 'Reads no column of a parent: it is computed from literals or functions alone.'].join('\n'),
    },
    {
      name: 'a column of a subquery',
      source: () => fixture('models/fct_orders.sql', "select sub.total from (select sum(amount) as tot|al from {{ ref('stg_orders') }}) as sub"),
      expected: ['**column** `total` · a subquery of model `fct_orders`', '', '**One hop up**', '', '- `amount` of model `stg_orders` · transformation · `numeric`'].join('\n'),
    },
    {
      name: 'SQL that cannot be parsed says so',
      source: () => fixture('models/fct_orders.sql', "select o.order_|id from {{ ref('stg_orders') }} o where ("),
      expected: /^\*\*column\*\* `order_id` · model `fct_orders`\n\nType: `INT64` \(catalog\)\n\nLineage unknown: the SQL could not be parsed: .+\.$/.source,
    },
    {
      name: "a name that is not among the parent's known columns is marked, so a typo shows",
      source: () => fixture('models/fct_orders.sql', "select 1 as one from {{ ref('stg_orders') }} o where o.no_such_col|umn > 0"),
      expected: ['**column** `o.no_such_column` · read in model `fct_orders`', '', '**One hop up**', '', '- `no_such_column` of model `stg_orders` · pass-through · **not among the columns its SQL produces**'].join('\n'),
    },
    {
      name: 'a column that a source does not document is noted plainly, since documentation is often partial',
      source: () => fixture('models/fct_orders.sql', "select c.em|ail from {{ source('raw', 'customers') }} c"),
      expected: ['**column** `email` · model `fct_orders`', '', '**One hop up**', '', '- `email` of source `raw.customers` · pass-through · not among its documented columns'].join('\n'),
    },
    {
      name: 'an unqualified name in a join is matched to the relation that has it, or said to be unknown',
      source: () => fixture('models/fct_orders.sql', "select nowh|ere, name from {{ ref('stg_orders') }} o join {{ source('raw', 'customers') }} c on o.customer_id = c.id"),
      expected: ['**column** `nowhere` · model `fct_orders`', '', 'Lineage unknown: `nowhere` could not be matched to a relation it reads.'].join('\n'),
    },
    {
      name: 'an unqualified name in a join found in one relation only',
      source: () => fixture('models/fct_orders.sql', "select nowhere, na|me from {{ ref('stg_orders') }} o join {{ source('raw', 'customers') }} c on o.customer_id = c.id"),
      expected: ['**column** `name` · model `fct_orders`', '', '**One hop up**', '', '- `name` of source `raw.customers` · pass-through'].join('\n'),
    },
  ];

  for (const { name, source, expected } of cases) {
    it(name, () => {
      const markdown = hover(source());
      assert.ok(markdown !== undefined, 'a hover');
      if (expected.startsWith('^')) assert.match(markdown, new RegExp(expected));
      else assert.equal(markdown, expected);
    });
  }

  it('without the tracer, shows what the properties say and that the lineage is unknown', () => {
    const markdown = hover(at('models/fct_orders.sql', 'o.amount as am|ount'), false);
    assert.equal(markdown, ['**column** `amount` · model `fct_orders`', '', 'Order total in dollars.', '', 'Type: `NUMERIC` (catalog)', '', 'Lineage unknown: the SQL parser that traces columns could not be loaded.'].join('\n'));
  });

  it('keeps the ref() hover on a ref inside model SQL', () => {
    assert.match(hover(at('models/fct_orders.sql', "ref('stg_|orders')"))!, /^\*\*model\*\* `stg_orders`/);
  });

  it('hovers the name itself, so the editor highlights exactly the column', () => {
    const f = cursorFixture(at('models/fct_orders.sql', 'o.stat|us'));
    const site = columnAt(f.index, f.file, f.offset)!;
    assert.equal(f.textAt(f.file, site.span), 'status');
  });

  const nothing: { name: string; source: () => string }[] = [
    { name: 'a keyword', source: () => at('models/fct_orders.sql', 'sel|ect') },
    { name: 'a qualifier', source: () => at('models/fct_orders.sql', '|o.order_id') },
    { name: 'a relation alias in FROM', source: () => at('models/fct_orders.sql', 'as |o') },
    { name: 'a relation alias in a join', source: () => at('models/fct_orders.sql', '}} |c on') },
    { name: 'a CTE name where it is defined', source: () => at('models/stg_orders.sql', 'renam|ed as (') },
    { name: 'a CTE name in FROM', source: () => at('models/stg_orders.sql', 'from sou|rce') },
    { name: 'a function name', source: () => fixture('models/fct_orders.sql', "select co|alesce(o.amount, 0) as amount from {{ ref('stg_orders') }} o") },
    { name: 'a string literal', source: () => at('models/fct_orders.sql', "'plac|ed'") },
    { name: 'Jinja inside a model', source: () => at('models/fct_orders.sql', "{{ source('r|aw'") },
    { name: 'SQL whose Jinja cannot be read', source: () => fixture('models/fct_orders.sql', "select o.order_|id from {{ ref('stg_orders') o") },
    { name: 'a macro file', source: () => fixture('macros/m.sql', '{% macro m() %}select a|b from t{% endmacro %}') },
    { name: 'a properties file', source: () => at('models/_models.yml', 'order_|id') },
  ];

  for (const { name, source } of nothing) {
    it(`shows nothing on ${name}`, () => {
      const f = cursorFixture(source());
      assert.equal(columnAt(f.index, f.file, f.offset), undefined);
      assert.doesNotMatch(hoverAt(f.index, f.file, f.offset, { tracer })?.markdown ?? '', /\*\*column\*\*/);
    });
  }
});
