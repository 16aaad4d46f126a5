/**
 * dag/hard-coded-reference and dag/chained-views: what is and is not a literal relation, the quick fix,
 * the chain of views with the evaluator's `chained_views_threshold` and adapter default, and exceptions.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const SOURCES = `
# @file models/staging/_sources.yml
version: 2
sources:
  - name: shop
    schema: raw_shop
    tables:
      - name: orders
      - name: customers
`;

describe('dag/hard-coded-reference', () => {
  const only = { onlyRules: ['dag/hard-coded-reference'] };

  it('ignores comments, CTE names, `is distinct from`, `extract(… from …)`, ref(), source() and this', () => {
    assertFixture(
      `
      -- @file models/staging/stg_shop__orders.sql
      -- select * from raw_shop.orders
      /* join raw_shop.customers */
      with orders as (select * from {{ source('shop', 'orders') }})
      select *, extract(year from ordered_at) as order_year, status is distinct from 'x' as changed
      from orders
      {% if is_incremental() %}
      where ordered_at > (select max(ordered_at) from {{ this }})
      {% endif %}
      ${SOURCES}`,
      only,
    );
  });

  it('leaves CTEs whose `with` a macro writes (`{{ simple_cte([...]) }}, joined as (…)`)', () => {
    assertFixture(
      `
      -- @file macros/simple_cte.sql
      {% macro simple_cte(pairs) %}with {% for name, model in pairs %}{{ name }} as (select * from {{ ref(model) }}){% if not loop.last %}, {% endif %}{% endfor %}{% endmacro %}
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      {{ simple_cte([('orders', 'stg_shop__orders')]) }},
      joined as (
          select * from orders
      )
      select * from joined
      -- @file models/marts/fct_order_counts.sql
      {{ simple_cte([('orders', 'stg_shop__orders')]) }}
      select count(*) as order_count from orders
      -- @file models/marts/fct_order_totals.sql
      -- A macro of a package that is not installed: nothing renders it.
      {{ some_package.cte_for([('orders', 'stg_shop__orders')]) }}
      select sum(amount) as total from orders
      ${SOURCES}`,
      only,
    );
  });

  it('leaves joins that unnest a column of a relation, a CTE or an alias (`join o.items`)', () => {
    assertFixture(
      `
      -- @file models/staging/stg_shop__orders.sql
      with orders as (select * from {{ source('shop', 'orders') }})
      select o.id, item, line
      from orders as o
      cross join o.items as item
      left join {{ source('shop', 'customers') }} customers on true
      left join customers.lines as line on true
      ${SOURCES}`,
      only,
    );
  });

  it('flags literal relations in FROM and JOIN, in the incremental branch too', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='incremental') }}
      select *
      from analytics.stg_orders as o  -- expect: dag/hard-coded-reference
      left join \`my-project\`.raw_shop.customers as c on c.id = o.customer_id  -- expect: dag/hard-coded-reference
      {% if is_incremental() %}
      where o.id not in (select id from analytics.fct_orders_backup)  -- expect: dag/hard-coded-reference
      {% endif %}
      ${SOURCES}`,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/hard-coded-reference')!.message, /`fct_orders` reads `analytics\.stg_orders` by its relation name/);
  });

  it('offers the matching source() for a schema-qualified raw table and ref() for a model name', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/stg_shop__orders.sql
      select * from raw_shop.orders  -- expect: dag/hard-coded-reference
      -- @file models/marts/fct_orders.sql
      select * from stg_shop__orders  -- expect: dag/hard-coded-reference
      join unknown_schema.unknown_table using (id)  -- expect: dag/hard-coded-reference
      ${SOURCES}`,
      only,
    );
    const byText = (pattern: RegExp) => findings.find((finding) => finding.rule === 'dag/hard-coded-reference' && pattern.test(finding.message))!;
    assert.equal(byText(/raw_shop\.orders/).fixes?.[0].edits[0].newText, "{{ source('shop', 'orders') }}");
    assert.equal(byText(/reads `stg_shop__orders`/).fixes?.[0].edits[0].newText, "{{ ref('stg_shop__orders') }}");
    assert.equal(byText(/unknown_table/).fixes, undefined);
  });

  it('leaves names assembled by Jinja, and honours exceptions (columns model, hard_coded_references)', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select * from {{ var('orders_schema') }}.orders
      -- @file models/marts/fct_legacy.sql
      select * from legacy.orders
      join legacy.customers using (id)
      -- @file models/marts/fct_other.sql
      select * from legacy.orders  -- expect: dag/hard-coded-reference
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_hard_coded_references,model,fct_legacy,being migrated
      `,
      only,
    );
  });
});

/** A chain raw seed → v1 → … → v<length>, each a view unless listed in `tables`, then `fct_end` reading the last. */
function chain(length: number, marker: string, tables: number[] = []): string {
  const files = ['# @file seeds/raw_events.csv\nevent_id\n1\n', `-- @file models/v1.sql\n${tables.includes(1) ? "{{ config(materialized='table') }}\n" : ''}select * from {{ ref('raw_events') }}\n`];
  for (let i = 2; i <= length; i++) files.push(`-- @file models/v${i}.sql\n${tables.includes(i) ? "{{ config(materialized='table') }}\n" : ''}select * from {{ ref('v${i - 1}') }}\n`);
  files.push(`-- @file models/fct_end.sql\n{{ config(materialized='table') }}\nselect * from {{ ref('v${length}') }}${marker}\n`);
  return files.join('');
}

describe('dag/chained-views', () => {
  const only = { onlyRules: ['dag/chained-views'] };
  const expectEnd = '  -- expect: dag/chained-views';

  it('allows five chained views by default and flags the model on a sixth, at its ref', () => {
    assertFixture(chain(5, ''), only);
    const findings = assertFixture(chain(6, expectEnd), only);
    assert.match(findings.find((finding) => finding.rule === 'dag/chained-views')!.message, /chain of 6 views and ephemeral models \(v1 → v2 → v3 → v4 → v5 → v6 → fct_end\), more than the limit of 5/);
  });

  it('is broken by a table in the chain, and counts ephemeral models like views', () => {
    assertFixture(chain(8, '', [4]), only);
    // Seven views in a row: v7 is also more than five away from v1, so it is flagged too, as the evaluator does.
    assertFixture(
      chain(7, expectEnd).replace("-- @file models/v3.sql\n", "-- @file models/v3.sql\n{{ config(materialized='ephemeral') }}\n").replace("select * from {{ ref('v6') }}\n", `select * from {{ ref('v6') }}${expectEnd}\n`),
      only,
    );
  });

  it("honours chained_views_threshold, and the evaluator's default of 4 on Trino", () => {
    assertFixture(`# @file dbt_project.yml\nname: fixture\nprofile: fixture\nvars:\n  chained_views_threshold: 2\n${chain(3, expectEnd)}`, only);
    assertFixture(`# @file dplens.yml\nadapter: trino\n${chain(5, expectEnd)}`, only);
    assertFixture(`# @file dplens.yml\nadapter: bigquery\n${chain(5, '')}`, only);
  });

  it('lets an explicit dplens.yml threshold win, and skips pairs listed in the exceptions seed', () => {
    assertFixture(`# @file dplens.yml\nadapter: bigquery\nrules:\n  dag/chained-views:\n    options:\n      threshold: 3\n${chain(4, expectEnd)}`, only);
    assertFixture(
      `${chain(6, '')}
# @file seeds/dbt_project_evaluator_exceptions.csv
fct_name,column_name,id_to_exclude,comment
fct_chained_views_dependencies,parent,v1,accepted
fct_chained_views_dependencies,child,v6,accepted
`,
      only,
    );
  });
});
