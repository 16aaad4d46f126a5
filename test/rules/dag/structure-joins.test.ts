/**
 * dag/too-many-joins and dag/rejoining-upstream-concepts: distinct direct parents, the evaluator's
 * `too_many_joins_threshold`, dplens.yml options, the single-use condition of a rejoin, and exceptions.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const SEEDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `# @file seeds/raw_${name}.csv\nid\n1\n`).join('');

/** A model reading the first `count` seeds, one ref per line; the first line carries `marker`. */
function reader(count: number, marker = ''): string {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].slice(0, count);
  return names.map((name, i) => (i === 0 ? `select * from {{ ref('raw_${name}') }}${marker}` : `join {{ ref('raw_${name}') }} using (id)`)).join('\n');
}

describe('dag/too-many-joins', () => {
  const only = { onlyRules: ['dag/too-many-joins'] };

  it('counts distinct parents: six, or one parent read twice, stay below the default of 7', () => {
    assertFixture(`${SEEDS}\n-- @file models/marts/fct_six.sql\n${reader(6)}\njoin {{ ref('raw_a') }} as again using (id)\n`, only);
  });

  it('flags seven distinct parents, sources included, at the first call, naming them', () => {
    const findings = assertFixture(
      `${SEEDS}
-- @file models/marts/fct_seven.sql
${reader(6, '  -- expect: dag/too-many-joins')}
join {{ source('shop', 'orders') }} using (id)
# @file models/staging/_sources.yml
version: 2
sources:
  - name: shop
    tables:
      - name: orders
`,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/too-many-joins')!.message, /`fct_seven` reads 7 models and sources directly \(`raw_a`.*`shop\.orders`\), at or above the limit of 7/);
  });

  it("honours the evaluator's too_many_joins_threshold, scoped or not", () => {
    for (const vars of ['vars:\n  too_many_joins_threshold: 3\n', 'vars:\n  dbt_project_evaluator:\n    too_many_joins_threshold: "3"\n']) {
      assertFixture(
        `# @file dbt_project.yml\nname: fixture\nprofile: fixture\n${vars}${SEEDS}
-- @file models/marts/fct_three.sql
${reader(3, '  -- expect: dag/too-many-joins')}
-- @file models/marts/fct_two.sql
${reader(2)}
`,
        only,
      );
    }
  });

  it('lets an explicit dplens.yml threshold win over the evaluator variable', () => {
    assertFixture(
      `# @file dbt_project.yml\nname: fixture\nprofile: fixture\nvars:\n  too_many_joins_threshold: 3\n# @file dplens.yml\nadapter: bigquery\nrules:\n  dag/too-many-joins:\n    options:\n      threshold: 5\n${SEEDS}
-- @file models/marts/fct_four.sql
${reader(4)}
-- @file models/marts/fct_five.sql
${reader(5, '  -- expect: dag/too-many-joins')}
`,
      only,
    );
  });

  it('skips models listed in the exceptions seed (resource_name or file_path)', () => {
    assertFixture(
      `${SEEDS}
# @file seeds/dbt_project_evaluator_exceptions.csv
fct_name,column_name,id_to_exclude,comment
fct_too_many_joins,resource_name,fct_wide%,wide by design
fct_too_many_joins,file_path,models/legacy/%,legacy
-- @file models/marts/fct_wide_orders.sql
${reader(7)}
-- @file models/legacy/fct_old.sql
${reader(7)}
-- @file models/marts/fct_other.sql
${reader(7, '  -- expect: dag/too-many-joins')}
`,
      only,
    );
  });
});

describe('dag/rejoining-upstream-concepts', () => {
  const only = { onlyRules: ['dag/rejoining-upstream-concepts'] };

  it('flags the ref to the single-use middle model, naming the parent read twice', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/stg_orders.sql
      select * from {{ ref('raw_a') }}
      -- @file models/intermediate/int_a.sql
      select * from {{ ref('stg_orders') }}
      -- @file models/intermediate/int_b.sql
      select * from {{ ref('int_a') }}  -- expect: dag/rejoining-upstream-concepts
      join {{ ref('stg_orders') }} using (id)
      ${SEEDS}`,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/rejoining-upstream-concepts')!.message, /`int_b` reads `stg_orders` both directly and through `int_a`/);
  });

  it('leaves a middle model that feeds other models too, and ignores tests and exposures as children', () => {
    assertFixture(
      `
      -- @file models/staging/stg_orders.sql
      select * from {{ ref('raw_a') }}
      -- @file models/intermediate/int_a.sql
      select * from {{ ref('stg_orders') }}
      -- @file models/intermediate/int_b.sql
      select * from {{ ref('int_a') }} join {{ ref('stg_orders') }} using (id)
      -- @file models/marts/fct_c.sql
      select * from {{ ref('int_a') }}
      -- @file models/intermediate/int_x.sql
      select * from {{ ref('stg_orders') }}
      -- @file models/intermediate/int_y.sql
      select * from {{ ref('int_x') }}  -- expect: dag/rejoining-upstream-concepts
      join {{ ref('stg_orders') }} using (id)
      # @file models/_models.yml
      version: 2
      models:
        - name: int_x
          columns:
            - name: id
              data_tests: [unique, not_null]
      exposures:
        - name: dashboard
          type: dashboard
          owner: { name: bi }
          depends_on: [ref('int_x')]
      ${SEEDS}`,
      only,
    );
  });

  it('skips triads listed in the exceptions seed', () => {
    assertFixture(
      `
      -- @file models/staging/stg_orders.sql
      select * from {{ ref('raw_a') }}
      -- @file models/intermediate/int_a.sql
      select * from {{ ref('stg_orders') }}
      -- @file models/intermediate/int_b.sql
      select * from {{ ref('int_a') }} join {{ ref('stg_orders') }} using (id)
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_rejoining_of_upstream_concepts,parent_and_child,int_a,needed by dbt_utils.star
      ${SEEDS}`,
      only,
    );
  });
});
