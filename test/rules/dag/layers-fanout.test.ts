/**
 * dag/source-fanout and dag/model-fanout (project rules): which children count, the threshold from the rule
 * option or the evaluator's `models_fanout_threshold`, the exceptions seed, and re-runs driven by graph changes.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { EMPTY_CONFIG } from '../../../server/src/core/config/dplens-config';
import { effectiveRules, runRules } from '../../../server/src/core/rules/engine';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { RULES } from '../../../server/src/core/rules/registry';
import { assertFixture } from '../../helpers/rule-fixture';

const SOURCES = `
# @file models/staging/shop/_shop__sources.yml
version: 2
sources:
  - name: shop
    tables:
      - name: orders  # expect-here
      - name: customers
`;

describe('dag/source-fanout', () => {
  const only = { onlyRules: ['dag/source-fanout'] };

  it('flags the source table in YAML, listing the models that read it; a model reading it twice counts once', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }} union all select * from {{ source('shop', 'orders') }}
      -- @file models/intermediate/int_orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__customers.sql
      select * from {{ source('shop', 'customers') }}
      ${SOURCES.replace('# expect-here', '# expect: dag/source-fanout')}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === 'dag/source-fanout')!;
    assert.equal(finding.file, 'models/staging/shop/_shop__sources.yml');
    assert.match(finding.message, /The source `shop.orders` is read directly by 2 models \(`int_orders`, `stg_shop__orders`\)/);
    // The range covers the table name, not the whole entry.
    assert.equal(finding.range.end.character - finding.range.start.character, 'orders'.length);
  });

  it('counts only models: snapshots and tests on the source do not make a fanout', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file snapshots/orders_snapshot.sql
      {% snapshot orders_snapshot %}
      {{ config(unique_key='id', strategy='check', check_cols='all') }}
      select * from {{ source('shop', 'orders') }}
      {% endsnapshot %}
      -- @file tests/orders_are_recent.sql
      select * from {{ source('shop', 'orders') }} where ordered_at < current_date - 30
      ${SOURCES}`,
      only,
    );
  });

  it('skips a source listed in the exceptions seed as `source_name.table_name`', () => {
    assertFixture(
      `
      -- @file models/staging/shop/base/base_shop__orders_header.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/base/base_shop__orders_lines.sql
      select * from {{ source('shop', 'orders') }}
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_source_fanout,parent,shop.orders,Nested JSON split into base models
      ${SOURCES}`,
      only,
    );
  });
});

describe('dag/model-fanout', () => {
  const only = { onlyRules: ['dag/model-fanout'] };
  const leaves = (count: number, parent = 'fct_orders') =>
    Array.from({ length: count }, (_, i) => `-- @file models/marts/rpt_${parent}_${i + 1}.sql\nselect * from {{ ref('${parent}') }}`).join('\n');

  it('counts leaf children only: a child that another model reads is not a leaf, one read only by tests is', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id  -- expect: dag/model-fanout
      -- @file models/marts/rpt_daily.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/rpt_weekly.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/rpt_monthly.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/fct_order_items.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/rpt_items.sql
      select * from {{ ref('fct_order_items') }}
      # @file models/marts/_marts.yml
      version: 2
      models:
        - name: rpt_daily
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      `,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/model-fanout')!.message, /The marts model `fct_orders` has 3 direct leaf children \(`rpt_daily`, `rpt_monthly`, `rpt_weekly`; the threshold is 3\)/);
  });

  it('treats a model read by an exposure as not a leaf', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      ${leaves(3)}
      # @file models/marts/_exposures.yml
      version: 2
      exposures:
        - name: orders_dashboard
          type: dashboard
          owner: { name: Data team }
          depends_on:
            - ref('rpt_fct_orders_1')
      `,
      only,
    );
  });

  it("takes the threshold from the evaluator's models_fanout_threshold, unless the rule option is set", () => {
    const project = (vars: string) => `-- @file dbt_project.yml\nname: fixture\nversion: '1.0.0'\nprofile: fixture\n${vars}`;
    assertFixture(`${project('vars:\n  models_fanout_threshold: 2')}\n-- @file models/marts/fct_orders.sql\nselect 1 as id  -- expect: dag/model-fanout\n${leaves(2)}`, only);
    assertFixture(`${project('vars:\n  dbt_project_evaluator:\n    models_fanout_threshold: 4')}\n-- @file models/marts/fct_orders.sql\nselect 1 as id\n${leaves(3)}`, only);
    assertFixture(
      `${project('vars:\n  models_fanout_threshold: 2')}\n-- @file dplens.yml\nadapter: bigquery\nrules:\n  dag/model-fanout:\n    severity: warning\n    options:\n      threshold: 5\n-- @file models/marts/fct_orders.sql\nselect 1 as id\n${leaves(4)}`,
      only,
    );
  });

  it('flags a source with many leaf children at its table name, as the evaluator does not restrict the parent', () => {
    assertFixture(
      `
      ${leaves(3).replace(/ref\('fct_orders'\)/g, "source('shop', 'orders')")}
      ${SOURCES.replace('# expect-here', '# expect: dag/model-fanout')}`,
      only,
    );
  });

  it('skips a parent listed in the exceptions seed', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      ${leaves(3)}
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_model_fanout,parent,fct_orders,Tableau prefers wide tables
      `,
      only,
    );
  });
});

describe('layer and fanout rules under edits', () => {
  const rulesOf = (ids: string[]) => effectiveRules(RULES, EMPTY_CONFIG, ids).rules;

  it('re-checks a child when a parent moves into the staging layer (file rule), and fanout when refs change (project rule)', () => {
    const outcome = checkWorkspace(
      parseFixture(`
        -- @file models/staging/stg_orders.sql
        select * from {{ ref('orders_clean') }}
        -- @file models/orders_clean.sql
        select 1 as id
        -- @file models/rpt_a.sql
        select * from {{ ref('orders_clean') }}
      `).files,
    );
    const index = outcome.index;
    const fileRules = rulesOf(['dag/staging-depends-on-staging']);
    const fanout = () => runRules(index, rulesOf(['dag/model-fanout']), { config: EMPTY_CONFIG, projectRulesOnly: true });
    assert.equal(outcome.findings.filter((finding) => finding.rule === 'dag/staging-depends-on-staging').length, 0);
    assert.equal(fanout().length, 0);

    // The parent's file moves to the staging folder: the child's file is among those to re-check, and is flagged.
    const removed = index.removeFile('models/orders_clean.sql');
    const added = index.updateFile('models/staging/orders_clean.sql', 'select 1 as id\n');
    const affected = new Set([...removed.affected, ...added.affected]);
    assert.ok(affected.has('models/staging/stg_orders.sql'));
    const findings = runRules(index, fileRules, { config: EMPTY_CONFIG, files: affected, fileRulesOnly: true });
    assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.rule}`), ['models/staging/stg_orders.sql:dag/staging-depends-on-staging']);

    // A third leaf child (after stg_orders and rpt_a) appears: the graph changed, and the project rule finds the fanout.
    const third = index.updateFile('models/rpt_c.sql', "select * from {{ ref('orders_clean') }}\n");
    assert.equal(third.graphChanged, true);
    assert.deepEqual(fanout().map((finding) => finding.file), ['models/staging/orders_clean.sql']);
    // Typing inside a query leaves the graph unchanged: no project pass is needed.
    assert.equal(index.updateFile('models/rpt_c.sql', "select * from {{ ref('orders_clean') }} where 1 = 1\n").graphChanged, false);
  });
});
