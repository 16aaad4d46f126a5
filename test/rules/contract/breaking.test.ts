/**
 * The contract-change rules against fixtures with `@base` sections: dbt-core's `same_contract` cases, breaking and
 * not breaking, and the rules beyond dbt. Each case is a fixture whose inline `expect:` markers are the whole truth
 * for the contract-change rules.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { withClock } from '../../../server/src/core/standards/clock';
import { assertFixture } from '../../helpers/rule-fixture';

const CHANGE_RULES = [
  'contract/access-narrowed',
  'contract/base-unavailable',
  'contract/column-removed',
  'contract/column-renamed',
  'contract/column-type-changed',
  'contract/constraint-removed',
  'contract/enforcement-disabled',
  'contract/materialization-changed',
  'contract/model-removed',
  'contract/relation-moved',
  'contract/test-removed',
];
const only = { onlyRules: CHANGE_RULES };

/** A contracted `fct_orders` properties file: `columns` are YAML lines under `columns:`, `head` marks lines. */
function contracted(columns: string, options: { enforced?: boolean; extra?: string; nameMark?: string; columnsMark?: string } = {}): string {
  const enforced = options.enforced ?? true;
  return [
    'models:',
    `  - name: fct_orders${options.nameMark ? `  # expect: ${options.nameMark}` : ''}`,
    ...(options.extra ? options.extra.split('\n').map((line) => `    ${line}`) : []),
    '    config:',
    '      contract:',
    `        enforced: ${enforced}`,
    `    columns:${options.columnsMark ? `  # expect: ${options.columnsMark}` : ''}`,
    ...columns.split('\n').map((line) => `      ${line}`),
  ].join('\n');
}

function fixture(parts: { sql?: string; baseSql?: string; base?: string; head?: string; adapter?: string; more?: string }): string {
  const sections = [
    `# @file dplens.yml\nadapter: ${parts.adapter ?? 'bigquery'}`,
    `-- @file models/marts/fct_orders.sql\n${parts.sql ?? 'select 1 as order_id'}`,
  ];
  if (parts.baseSql !== undefined) sections.push(`-- @base models/marts/fct_orders.sql\n${parts.baseSql}`);
  if (parts.base !== undefined) sections.push(`# @base models/marts/_marts.yml\n${parts.base}`);
  if (parts.head !== undefined) sections.push(`# @file models/marts/_marts.yml\n${parts.head}`);
  if (parts.more) sections.push(parts.more);
  return sections.join('\n');
}

const ID_INT = '- name: order_id\n  data_type: int64';

describe('contract changes: dbt-core same_contract', () => {
  const cases: { title: string; source: string }[] = [
    {
      title: 'a varchar widened is not breaking',
      source: fixture({
        adapter: 'postgres',
        sql: "select 'EUR'::varchar(10) as currency",
        base: contracted('- name: currency\n  data_type: varchar(3)'),
        head: contracted('- name: currency\n  data_type: varchar(10)'),
      }),
    },
    {
      title: 'a change of case in a type is not breaking',
      source: fixture({ adapter: 'postgres', sql: "select 'EUR' as currency", base: contracted('- name: currency\n  data_type: VARCHAR'), head: contracted('- name: currency\n  data_type: varchar') }),
    },
    {
      title: 'int to integer is breaking, as in dbt',
      source: fixture({
        adapter: 'postgres',
        base: contracted('- name: order_id\n  data_type: int'),
        head: contracted('- name: order_id  # expect: contract/column-type-changed\n  data_type: integer'),
      }),
    },
    {
      title: 'adding columns is not breaking',
      source: fixture({ sql: "select 1 as order_id, 'x' as status", base: contracted(ID_INT), head: contracted(`${ID_INT}\n- name: status\n  data_type: string`) }),
    },
    {
      title: 'enabling enforcement is not breaking, even with a column removed at the same time',
      source: fixture({ base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`, { enforced: false }), head: contracted(ID_INT) }),
    },
    {
      title: 'a contract never enforced is never compared',
      source: fixture({
        sql: "select 'a' as order_id",
        base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`, { enforced: false }),
        head: contracted('- name: order_id\n  data_type: string', { enforced: false }),
      }),
    },
    {
      title: 'disabling enforcement is breaking, and the columns are still compared',
      source: fixture({
        base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`),
        head: contracted(ID_INT, { enforced: false, nameMark: 'contract/enforcement-disabled', columnsMark: 'contract/column-removed' }),
      }),
    },
    {
      title: 'each removed column is one finding at the columns key',
      source: fixture({
        base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric\n- name: status\n  data_type: string`),
        head: contracted(ID_INT, { columnsMark: 'contract/column-removed, contract/column-removed' }),
      }),
    },
    {
      title: 'a removal with an addition of the same type is a rename, reported once',
      source: fixture({
        sql: 'select 1 as order_key',
        base: contracted(ID_INT),
        head: contracted('- name: order_key  # expect: contract/column-renamed\n  data_type: int64'),
      }),
    },
    {
      title: 'a removal with an addition of another type is a removal',
      source: fixture({
        sql: "select 'a' as order_key",
        base: contracted(ID_INT),
        head: contracted('- name: order_key\n  data_type: string', { columnsMark: 'contract/column-removed' }),
      }),
    },
    {
      title: 'a removed enforced column constraint is breaking',
      source: fixture({
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted(`${ID_INT}\n  constraints:\n    - type: not_null`),
        head: contracted('- name: order_id  # expect: contract/constraint-removed\n  data_type: int64'),
      }),
    },
    {
      title: 'a removed constraint the adapter does not enforce is not breaking (BigQuery primary_key)',
      source: fixture({
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted(`${ID_INT}\n  constraints:\n    - type: primary_key`),
        head: contracted(ID_INT),
      }),
    },
    {
      title: 'the same removal is breaking on Postgres, which enforces primary keys',
      source: fixture({
        adapter: 'postgres',
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted('- name: order_id\n  data_type: integer\n  constraints:\n    - type: primary_key'),
        head: contracted('- name: order_id  # expect: contract/constraint-removed\n  data_type: integer'),
      }),
    },
    {
      title: 'a removed constraint of a view is not breaking: views have none',
      source: fixture({ base: contracted(`${ID_INT}\n  constraints:\n    - type: not_null`), head: contracted(ID_INT) }),
    },
    {
      title: 'a removed model-level constraint is reported at the model',
      source: fixture({
        adapter: 'postgres',
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted('- name: order_id\n  data_type: integer', { extra: 'constraints:\n  - type: unique\n    columns: [order_id]' }),
        head: contracted('- name: order_id\n  data_type: integer', { nameMark: 'contract/constraint-removed' }),
      }),
    },
    {
      title: 'a renamed constraint is a removed one, as dbt compares whole constraints',
      source: fixture({
        adapter: 'postgres',
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted('- name: order_id\n  data_type: integer\n  constraints:\n    - type: check\n      name: positive\n      expression: order_id > 0'),
        head: contracted('- name: order_id  # expect: contract/constraint-removed\n  data_type: integer\n  constraints:\n    - type: check\n      name: positive_id\n      expression: order_id > 0'),
      }),
    },
    {
      title: 'table to view with constraints is breaking',
      source: fixture({
        sql: "{{ config(materialized='view') }}\nselect 1 as order_id",
        baseSql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        head: contracted(`${ID_INT}\n  constraints:\n    - type: primary_key`, { nameMark: 'contract/materialization-changed' }),
      }),
    },
    {
      title: 'table to incremental keeps the constraints',
      source: fixture({
        sql: "{{ config(materialized='incremental') }}\nselect 1 as order_id",
        baseSql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        head: contracted(`${ID_INT}\n  constraints:\n    - type: not_null`),
      }),
    },
    {
      title: 'a model renamed (its file and entry) is a removed model, reported where its properties were',
      source: `
        # @file models/marts/_marts.yml
        models:  # expect: contract/model-removed
          - name: fct_sales
            config:
              contract:
                enforced: true
            columns:
              - name: order_id
                data_type: int64
        -- @file models/marts/fct_sales.sql
        select 1 as order_id
        -- @base models/marts/fct_sales.sql
        (absent)
        -- @base models/marts/fct_orders.sql
        select 1 as order_id
        # @base models/marts/_marts.yml
        ${contracted(ID_INT).split('\n').join('\n        ')}
      `,
    },
    {
      title: 'a disabled model is a removed model, reported at its entry',
      source: fixture({ base: contracted(ID_INT), head: contracted(ID_INT, { nameMark: 'contract/model-removed' }).replace('    config:\n', '    config:\n      enabled: false\n') }),
    },
  ];
  for (const { title, source } of cases) it(title, () => assertFixture(source, only));

  it('a removed model past its deprecation date is not breaking; before it, it is', () => {
    const source = (mark: string) => `
      # @file dbt_project.yml
      name: shop${mark}
      profile: shop
      -- @base models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      ${contracted(ID_INT, { extra: 'deprecation_date: 2024-06-01' }).split('\n').join('\n      ')}
    `;
    withClock(new Date('2024-07-01T00:00:00Z'), () => assertFixture(source(''), only));
    const findings = withClock(new Date('2024-05-01T00:00:00Z'), () => assertFixture(source('  # expect: contract/model-removed'), only));
    assert.match(findings.find((finding) => finding.rule === 'contract/model-removed')!.message, /models\/marts\/_marts\.yml.*deleted or renamed/);
  });

  it('a versioned model reports breaking changes as errors, an unversioned one as warnings', () => {
    const versioned = (columns: string, mark = '') => `
models:
  - name: fct_orders
    latest_version: 1
    config:
      contract:
        enforced: true
    columns:${mark}
${columns}
    versions:
      - v: 1`;
    const source = fixture({
      sql: 'select 1 as order_id',
      base: versioned('      - name: order_id\n        data_type: int64\n      - name: amount\n        data_type: numeric'),
      head: versioned('      - name: order_id\n        data_type: int64', '  # expect: contract/column-removed'),
    }).replace('models/marts/fct_orders.sql', 'models/marts/fct_orders_v1.sql');
    const findings = assertFixture(source, only);
    assert.deepEqual(findings.filter((finding) => finding.rule === 'contract/column-removed').map((finding) => finding.severity), ['error']);
    const unversioned = assertFixture(fixture({ base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`), head: contracted(ID_INT, { columnsMark: 'contract/column-removed' }) }), only);
    assert.deepEqual(unversioned.filter((finding) => finding.rule === 'contract/column-removed').map((finding) => finding.severity), ['warning']);
  });

  it("the user's severity for a rule wins over dbt's", () => {
    const source = fixture({ base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`), head: contracted(ID_INT, { columnsMark: 'contract/column-removed' }) }).replace(
      'adapter: bigquery',
      'adapter: bigquery\nrules:\n  contract/column-removed:\n    severity: error',
    );
    assert.deepEqual(assertFixture(source, only).filter((finding) => finding.rule === 'contract/column-removed').map((finding) => finding.severity), ['error']);
  });

  it('messages say what changed, why it breaks, what to do, and against which base', () => {
    const findings = assertFixture(
      fixture({ base: contracted(`${ID_INT}\n- name: amount\n  data_type: numeric`), head: contracted(ID_INT, { columnsMark: 'contract/column-removed' }) }),
      only,
    );
    const message = findings.find((finding) => finding.rule === 'contract/column-removed')!.message;
    assert.match(message, /`amount` was removed/);
    assert.match(message, /downstream queries selecting `amount` fail/);
    assert.match(message, /versions:/);
    assert.match(message, /against `main` \(0000000\)/);
  });
});

describe('contract changes: beyond dbt', () => {
  const cases: { title: string; source: string }[] = [
    {
      title: 'public to private is narrowed',
      source: fixture({ base: 'models:\n  - name: fct_orders\n    access: public', head: 'models:\n  - name: fct_orders  # expect: contract/access-narrowed\n    access: private\n    group: sales', more: '# @file models/groups.yml\ngroups:\n  - name: sales\n    owner:\n      name: Sales' }),
    },
    {
      title: 'protected to public is widened, not narrowed',
      source: fixture({ base: 'models:\n  - name: fct_orders\n    access: protected', head: 'models:\n  - name: fct_orders\n    access: public' }),
    },
    {
      title: 'a schema change moves a contracted relation',
      source: fixture({ sql: "{{ config(schema='finance') }}\nselect 1 as order_id", baseSql: 'select 1 as order_id', head: contracted(ID_INT, { nameMark: 'contract/relation-moved' }) }),
    },
    {
      title: 'the relation of a model neither contracted nor public may move',
      source: fixture({ sql: "{{ config(alias='orders') }}\nselect 1 as order_id", baseSql: 'select 1 as order_id', head: 'models:\n  - name: fct_orders' }),
    },
    {
      title: 'a not_null test removed from a contracted model',
      source: fixture({
        base: contracted(`${ID_INT}\n  data_tests:\n    - not_null`),
        head: contracted('- name: order_id  # expect: contract/test-removed\n  data_type: int64'),
      }),
    },
    {
      title: 'a not_null test replaced by an enforced not_null constraint keeps the guarantee',
      source: fixture({
        sql: "{{ config(materialized='table') }}\nselect 1 as order_id",
        base: contracted(`${ID_INT}\n  data_tests:\n    - not_null`),
        head: contracted(`${ID_INT}\n  constraints:\n    - type: not_null`),
      }),
    },
    {
      title: 'tests removed from a protected model without a contract are its own business',
      source: fixture({ base: 'models:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]', head: 'models:\n  - name: fct_orders\n    columns:\n      - name: order_id' }),
    },
    {
      title: 'without @base sections the contract-change rules are silent',
      source: fixture({ head: contracted(ID_INT) }),
    },
  ];
  for (const { title, source } of cases) it(title, () => assertFixture(source, only));
});

describe('contract/base-unavailable', () => {
  const workspace = (head: string) => parseFixture(fixture({ head })).files;
  const problem = (severity: 'info' | 'warning') => ({ problem: { severity, reason: severity === 'info' ? 'the workspace is not in a git repository, so contract changes against a base branch are not checked' : 'HEAD has no common history with `origin/main` here (a shallow clone?). In CI, fetch the history: actions/checkout with `fetch-depth: 0`.' } });
  const changeFindings = (files: Map<string, string>, severity: 'info' | 'warning') =>
    checkWorkspace(files, { base: problem(severity) }).findings.filter((finding) => CHANGE_RULES.includes(finding.rule));

  it('reports once, at the root dbt_project.yml, with the problem\'s severity, when a contract could be checked', () => {
    for (const severity of ['info', 'warning'] as const) {
      const findings = changeFindings(workspace(contracted(ID_INT)), severity);
      assert.deepEqual(findings.map((finding) => [finding.rule, finding.severity, finding.file, finding.range.start.line]), [['contract/base-unavailable', severity, 'dbt_project.yml', 0]]);
      assert.match(findings[0].message, /breaking changes as you type/);
    }
  });

  it('names the fix for a shallow clone', () => {
    assert.match(changeFindings(workspace(contracted(ID_INT)), 'warning')[0].message, /fetch-depth: 0/);
  });

  it('reports for a public model without a contract', () => {
    assert.equal(changeFindings(workspace('models:\n  - name: fct_orders\n    access: public'), 'info').length, 1);
  });

  it('stays silent when nothing would be compared', () => {
    assert.deepEqual(changeFindings(workspace('models:\n  - name: fct_orders'), 'info'), []);
  });
});
