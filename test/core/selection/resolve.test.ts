/**
 * dbt's node selection syntax resolved against a fixture project: each method and graph operator, set
 * operators, exclusion and YAML selectors, each with the node set dbt selects.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { resolveSelectionRequest } from '../../../server/src/core/selection/invocation';
import { parseSelection } from '../../../server/src/core/selection/syntax';
import type { DbtSubcommand } from '../../../server/src/core/selection/dbt-command';

const PROJECT = `
# @file dbt_project.yml
name: shop
version: '1.0.0'
profile: shop
models:
  shop:
    marts:
      +materialized: table
      finance:
        +tags: ['finance']
seeds:
  shop:
    +tags: ['reference']
# @file models/staging/_sources.yml
version: 2
sources:
  - name: raw
    tables:
      - name: orders
      - name: payments
  - name: crm
    tables:
      - name: customers
# @file models/staging/stg_orders.sql
select * from {{ source('raw', 'orders') }}
# @file models/staging/stg_payments.sql
select * from {{ source('raw', 'payments') }}
# @file models/staging/stg_customers.sql
select * from {{ source('crm', 'customers') }}
# @file models/marts/finance/fct_revenue.sql
select * from {{ ref('stg_orders') }} join {{ ref('stg_payments') }} using (id)
# @file models/marts/dim_customers.sql
{{ config(materialized='incremental', tags=['nightly']) }}
select * from {{ ref('stg_customers') }} join {{ ref('fct_revenue') }} using (id)
# @file models/marts/_exposures.yml
version: 2
exposures:
  - name: revenue_dashboard
    type: dashboard
    owner: { name: finance }
    depends_on: [ref('fct_revenue')]
# @file seeds/country_codes.csv
code,name
# @file snapshots/orders_snapshot.sql
{% snapshot orders_snapshot %}
select * from {{ source('raw', 'orders') }}
{% endsnapshot %}
# @file tests/assert_revenue_positive.sql
select * from {{ ref('fct_revenue') }} where amount < 0
# @file selectors.yml
selectors:
  - name: finance_cli
    definition: 'tag:finance+'
  - name: nightly_or_staging
    definition:
      union:
        - method: tag
          value: nightly
        - method: path
          value: models/staging
        - exclude:
            - method: fqn
              value: stg_payments
  - name: staging_and_tables
    definition:
      intersection:
        - path: models/staging
        - method: source
          value: raw
          children: true
  - name: revenue_parents
    definition:
      method: fqn
      value: fct_revenue
      parents: true
      parents_depth: 1
  - name: inherits
    definition:
      method: selector
      value: finance_cli
`;

const { index } = checkWorkspace(parseFixture(PROJECT).files);
const project = [...index.projects.values()][0];

function select(selection: string, options: { exclude?: string; subcommand?: DbtSubcommand; selector?: string } = {}) {
  return resolveSelectionRequest(index, project, {
    subcommand: options.subcommand ?? 'ls',
    select: selection ? [{ text: selection, offset: 0 }] : [],
    exclude: options.exclude ? [{ text: options.exclude, offset: 0 }] : [],
    selector: options.selector ? { text: options.selector, offset: 0 } : undefined,
  });
}

/** Names of the selected nodes, sorted, sources as `source.table`. */
function names(selection: string, options: Parameters<typeof select>[1] = {}): string[] {
  return [...select(selection, options).nodes].map((id) => {
    const node = index.node(id)!;
    return node.resourceType === 'source' ? `${node.sourceName}.${node.name}` : node.name;
  }).sort();
}

const CASES: { title: string; selection: string; options?: Parameters<typeof select>[1]; expected: string[] }[] = [
  { title: 'a bare name', selection: 'stg_orders', expected: ['stg_orders'] },
  { title: 'an fqn prefix (the project and a folder)', selection: 'shop.staging', expected: ['stg_customers', 'stg_orders', 'stg_payments'] },
  { title: 'an fqn glob', selection: 'shop.marts.*', expected: ['dim_customers', 'fct_revenue'] },
  { title: 'a name glob by fqn', selection: 'stg_*', expected: [] },
  { title: 'fqn:* selects every parsed node', selection: 'fqn:*', expected: ['assert_revenue_positive', 'country_codes', 'dim_customers', 'fct_revenue', 'orders_snapshot', 'raw.orders', 'crm.customers', 'raw.payments', 'revenue_dashboard', 'stg_customers', 'stg_orders', 'stg_payments'].sort() },
  // Sources are declared in models/staging/_sources.yml, so a path selects them with the folder.
  { title: 'path: a folder', selection: 'path:models/marts', expected: ['dim_customers', 'fct_revenue', 'revenue_dashboard'] },
  { title: 'path: a file', selection: 'path:models/staging/stg_orders.sql', expected: ['stg_orders'] },
  { title: 'a value with a slash is a path', selection: 'models/marts/finance', expected: ['fct_revenue'] },
  { title: 'path: a glob', selection: 'path:models/staging/stg_c*', expected: ['stg_customers'] },
  { title: 'file: by file name', selection: 'file:fct_revenue.sql', expected: ['fct_revenue'] },
  { title: 'file: by stem', selection: 'file:dim_customers', expected: ['dim_customers'] },
  { title: 'a value ending in .sql is a file', selection: 'stg_payments.sql', expected: ['stg_payments'] },
  { title: 'tag: from dbt_project.yml folders', selection: 'tag:finance', expected: ['fct_revenue'] },
  { title: 'tag: from an in-file config', selection: 'tag:nightly', expected: ['dim_customers'] },
  { title: 'tag: a glob', selection: 'tag:refer*', expected: ['country_codes'] },
  { title: 'config.materialized: from folders', selection: 'config.materialized:table', expected: ['fct_revenue'] },
  { title: 'config.materialized: the model default', selection: 'config.materialized:view', expected: ['stg_customers', 'stg_orders', 'stg_payments'] },
  { title: 'config.materialized: seeds', selection: 'config.materialized:seed', expected: ['country_codes'] },
  { title: 'source: a source', selection: 'source:raw', expected: ['raw.orders', 'raw.payments'] },
  { title: 'source: a table', selection: 'source:raw.orders', expected: ['raw.orders'] },
  { title: 'source: a glob', selection: 'source:*.customers', expected: ['crm.customers'] },
  { title: 'package:', selection: 'package:shop,resource_type:seed', expected: ['country_codes'] },
  { title: 'package:this', selection: 'package:this,resource_type:snapshot', expected: ['orders_snapshot'] },
  { title: 'resource_type:', selection: 'resource_type:exposure', expected: ['revenue_dashboard'] },
  { title: 'exposure:', selection: 'exposure:revenue_dashboard', expected: ['revenue_dashboard'] },
  { title: 'test_type:singular', selection: 'test_type:singular', expected: ['assert_revenue_positive'] },
  { title: '+ before: all ancestors', selection: '+fct_revenue', expected: ['fct_revenue', 'raw.orders', 'raw.payments', 'stg_orders', 'stg_payments'] },
  { title: 'n+ before: limited ancestors', selection: '1+fct_revenue', expected: ['fct_revenue', 'stg_orders', 'stg_payments'] },
  { title: '+ after: all descendants', selection: 'stg_orders+', expected: ['assert_revenue_positive', 'dim_customers', 'fct_revenue', 'revenue_dashboard', 'stg_orders'] },
  { title: '+n after: limited descendants', selection: 'stg_orders+1', expected: ['fct_revenue', 'stg_orders'] },
  { title: '+ on both sides', selection: '+stg_customers+', expected: ['crm.customers', 'dim_customers', 'stg_customers'] },
  { title: '@: descendants and their ancestors', selection: '@stg_customers', expected: ['crm.customers', 'dim_customers', 'fct_revenue', 'raw.orders', 'raw.payments', 'stg_customers', 'stg_orders', 'stg_payments'] },
  { title: 'union (space)', selection: 'stg_orders stg_payments', expected: ['stg_orders', 'stg_payments'] },
  { title: 'intersection (comma)', selection: 'tag:nightly,config.materialized:incremental', expected: ['dim_customers'] },
  { title: 'intersection with a graph operator', selection: 'source:raw+,resource_type:model', expected: ['dim_customers', 'fct_revenue', 'stg_orders', 'stg_payments'] },
  { title: '--exclude', selection: 'path:models', options: { exclude: 'shop.marts stg_orders' }, expected: ['raw.orders', 'raw.payments', 'crm.customers', 'revenue_dashboard', 'stg_customers', 'stg_payments'].sort() },
  { title: 'dbt run keeps models only', selection: '+fct_revenue', options: { subcommand: 'run' }, expected: ['fct_revenue', 'stg_orders', 'stg_payments'] },
  { title: 'dbt seed without selection: every seed', selection: '', options: { subcommand: 'seed' }, expected: ['country_codes'] },
  { title: 'dbt build without selection', selection: '', options: { subcommand: 'build' }, expected: ['assert_revenue_positive', 'country_codes', 'dim_customers', 'fct_revenue', 'orders_snapshot', 'stg_customers', 'stg_orders', 'stg_payments'] },
  { title: 'selector: a CLI-style definition', selection: '', options: { selector: 'finance_cli' }, expected: ['dim_customers', 'fct_revenue', 'revenue_dashboard', 'assert_revenue_positive'].sort() },
  { title: 'selector: union with exclude', selection: '', options: { selector: 'nightly_or_staging' }, expected: ['crm.customers', 'dim_customers', 'raw.orders', 'raw.payments', 'stg_customers', 'stg_orders'] },
  { title: 'selector: intersection with children', selection: '', options: { selector: 'staging_and_tables' }, expected: ['raw.orders', 'raw.payments', 'stg_orders', 'stg_payments'] },
  { title: 'selector: parents with a depth', selection: '', options: { selector: 'revenue_parents' }, expected: ['fct_revenue', 'stg_orders', 'stg_payments'] },
  { title: 'selector: method selector', selection: '', options: { selector: 'inherits' }, expected: ['dim_customers', 'fct_revenue', 'revenue_dashboard', 'assert_revenue_positive'].sort() },
];

describe('dbt node selection: resolution', () => {
  for (const { title, selection, options, expected } of CASES) {
    it(`${title}: ${selection || '(none)'}${options?.exclude ? ` --exclude ${options.exclude}` : ''}${options?.selector ? ` --selector ${options.selector}` : ''}`, () => {
      assert.deepEqual(names(selection, options), expected);
    });
  }

  for (const selection of ['state:modified+', 'result:error', 'source_status:fresher+', 'metric:revenue']) {
    it(`reports ${selection} as unknown, not as matching nothing`, () => {
      const result = select(selection);
      assert.equal(result.complete, false);
      assert.equal(result.criteria[0].nodes, 'unknown');
    });
  }

  it('reports a selector selectors.yml lacks', () => {
    const result = select('', { selector: 'nope' });
    assert.equal(result.unknownSelector?.text, 'nope');
    assert.equal(result.complete, false);
  });

  it('keeps the match of each criterion of a union, so a dead part is visible', () => {
    const result = select('tag:finance tag:finanse');
    assert.deepEqual(result.criteria.map((match) => (match.nodes === 'unknown' ? 'unknown' : match.nodes.size)), [1, 0]);
  });
});

describe('dbt node selection: syntax', () => {
  it('parses operators, method arguments and spans', () => {
    const { union, errors } = parseSelection([{ text: '2+config.materialized:table+3,@tag:x', offset: 10 }]);
    assert.deepEqual(errors, []);
    const [first, second] = union.parts[0].criteria;
    assert.deepEqual(
      { method: first.method, args: first.methodArguments, value: first.value, parents: first.parents, children: first.children, span: first.span, valueSpan: first.valueSpan },
      { method: 'config', args: ['materialized'], value: 'table', parents: { depth: 2 }, children: { depth: 3 }, span: { start: 10, end: 39 }, valueSpan: { start: 32, end: 37 } },
    );
    assert.deepEqual({ method: second.method, value: second.value, at: second.childrensParents, span: second.span }, { method: 'tag', value: 'x', at: true, span: { start: 40, end: 46 } });
  });

  it('splits a quoted argument on spaces into a union', () => {
    const { union } = parseSelection([{ text: 'a  b,c', offset: 0 }]);
    assert.deepEqual(union.parts.map((part) => part.criteria.map((criterion) => `${criterion.value}@${criterion.span.start}`)), [['a@0'], ['b@3', 'c@5']]);
  });

  for (const [text, message] of [['@+x', /combines `@` and a leading `\+`/], ['tag:', /needs a value/]] as const) {
    it(`reports ${text} without throwing`, () => {
      const { union, errors } = parseSelection([{ text, offset: 0 }]);
      assert.equal(union.parts.length, 0);
      assert.match(errors[0].message, message);
    });
  }
});
