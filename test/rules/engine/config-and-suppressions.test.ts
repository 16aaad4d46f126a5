/**
 * The rule engine's use of dplens.yml (severities, `off`, unknown rules and options, include and exclude)
 * and of inline suppressions in SQL, Jinja and YAML.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { defineRule, type FileRule } from '../../../server/src/core/rules/rule';
import { RULES } from '../../../server/src/core/rules/registry';
import { assertFixture } from '../../helpers/rule-fixture';
import { FOUNDATION_RULES, isFoundationFinding } from '../../helpers/rule-scopes';
import { checkSource } from '../../core/project/helpers';

/**
 * The fixtures are minimal projects (no properties files, no tests): they judge only the foundation's rules,
 * whose dag/unknown-ref and suppression/* findings the configuration and the directives act on.
 */
const foundation = { onlyRules: FOUNDATION_RULES };

/** A misspelt ref in marts and one in legacy, for the severity and path-filter cases. */
const TWO_TYPOS = `
-- @file models/staging/stg_orders.sql
select 1 as order_id
-- @file models/marts/fct_orders.sql
select * from {{ ref('stg_ordres') }}  -- expect: dag/unknown-ref
-- @file models/legacy/old_orders.sql
select * from {{ ref('stg_ordrs') }}  -- expect: dag/unknown-ref
`;

/** Keeps only the markers of files the filter reports on, so one fixture serves several configs. */
function withConfig(source: string, config: string, keep: (line: string) => boolean = () => true): string {
  const lines = source.split('\n').map((line) => (keep(line) ? line : line.replace(/\s*-- expect:.*$/, '')));
  return `${lines.join('\n')}\n# @file dplens.yml\n${config}`;
}

/** A rule with options, to check how the engine validates and passes them. */
function optionsProbe(seen: unknown[]): FileRule {
  return defineRule({
    id: 'test/options-probe',
    severity: 'info',
    scope: 'file',
    description: 'Records the options it was given.',
    docs: { why: 'A test double.' },
    examples: { invalid: [], valid: [] },
    equivalents: [],
    fix: 'none',
    options: {
      threshold: { type: 'number', default: 3, description: 'A number.' },
      prefixes: { type: 'string[]', default: ['stg_'], description: 'Some prefixes.' },
    },
    appliesTo: (file) => file.kind === 'model',
    check(ctx) {
      seen.push(ctx.options);
    },
  });
}

describe('rule configuration in dplens.yml', () => {
  it('overrides a rule’s severity', () => {
    const findings = assertFixture(withConfig(TWO_TYPOS, 'adapter: bigquery\nrules:\n  dag/unknown-ref: warning\n'), foundation);
    assert.deepEqual(findings.filter((finding) => finding.rule === 'dag/unknown-ref').map((finding) => finding.severity), ['warning', 'warning']);
  });

  it('overrides a severity given as a mapping', () => {
    const findings = assertFixture(withConfig(TWO_TYPOS, 'adapter: bigquery\nrules:\n  dag/unknown-ref: {severity: info}\n'), foundation);
    assert.deepEqual(findings.filter((finding) => finding.rule === 'dag/unknown-ref').map((finding) => finding.severity), ['info', 'info']);
  });

  it('lets a finding carry its own severity (an adapter\'s verdict) unless the user set the rule\'s', () => {
    // partition/insert-overwrite-without-partition is an error on BigQuery, where dbt refuses the model, and a warning elsewhere.
    const model = "{{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}\nselect 1 as id";
    const severities = (config: string) =>
      checkWorkspace(new Map([['dbt_project.yml', 'name: shop\nprofile: shop\n'], ['dplens.yml', config], ['models/orders.sql', model]]))
        .findings.filter((finding) => finding.rule === 'partition/insert-overwrite-without-partition')
        .map((finding) => finding.severity);
    assert.deepEqual(severities('adapter: bigquery\n'), ['error']);
    assert.deepEqual(severities('adapter: spark\n'), ['warning']);
    assert.deepEqual(severities('adapter: bigquery\nrules:\n  partition/insert-overwrite-without-partition: info\n'), ['info']);
  });

  it('turns a rule off', () => {
    const findings = assertFixture(withConfig(TWO_TYPOS, 'adapter: bigquery\nrules:\n  dag/unknown-ref: off\n', () => false), foundation);
    // Only that rule is off: the others still run on the same files.
    assert.ok(findings.some((finding) => finding.file === 'models/marts/fct_orders.sql'), 'no rule ran on models/marts/fct_orders.sql');
  });

  it('reports an unknown rule id as a settings problem, with the closest rule id', () => {
    const outcome = checkSource(withConfig(TWO_TYPOS, 'adapter: bigquery\nrules:\n  dag/unknwn-ref: warning\n'));
    assert.deepEqual(
      outcome.settingsProblems.map((problem) => [problem.rule, problem.message]),
      [['dag/unknwn-ref', 'dplens.yml configures `dag/unknwn-ref`, which is not a rule; `dplens rules` lists them. Did you mean `dag/unknown-ref`?']],
    );
  });

  it('reports an unknown --rule as a settings problem', () => {
    const outcome = checkSource(TWO_TYPOS, { only: ['dag/unknown-reff'] });
    assert.equal(outcome.settingsProblems.length, 1);
    assert.match(outcome.settingsProblems[0].message, /^--rule dag\/unknown-reff names no rule.*Did you mean `dag\/unknown-ref`\?$/);
  });

  it('reports an option the rule does not have', () => {
    const outcome = checkSource(withConfig(TWO_TYPOS, 'adapter: bigquery\nrules:\n  dag/unknown-ref:\n    options: {max_distance: 2}\n'));
    assert.deepEqual(outcome.settingsProblems, [{ rule: 'dag/unknown-ref', option: 'max_distance', message: 'dag/unknown-ref has no option `max_distance`; it takes no options.' }]);
  });

  it('validates option types, passes valid options and keeps defaults for the rest', () => {
    const seen: unknown[] = [];
    const config = 'adapter: bigquery\nrules:\n  test/options-probe:\n    options: {threshold: many, prefixes: [base_], colour: red}\n';
    const outcome = checkSource(`-- @file models/a.sql\nselect 1 as id\n# @file dplens.yml\n${config}`, { rules: [...RULES, optionsProbe(seen)] });
    assert.deepEqual(
      outcome.settingsProblems.map((problem) => [problem.option, problem.message]),
      [
        ['threshold', 'Option `threshold` of test/options-probe must be a number.'],
        ['colour', 'test/options-probe has no option `colour`; its options are threshold, prefixes.'],
      ],
    );
    assert.deepEqual(seen, [{ threshold: 3, prefixes: ['base_'] }]);
  });

  it('reports findings only for files matching `include`', () => {
    const findings = assertFixture(withConfig(TWO_TYPOS, "adapter: bigquery\ninclude: ['models/marts/**']\n", (line) => !line.includes('stg_ordrs')), foundation);
    // No rule, of any family, reports outside `include`.
    assert.deepEqual(findings.filter((finding) => !finding.file.startsWith('models/marts/')), []);
  });

  it('never reports findings for files matching `exclude`', () => {
    const findings = assertFixture(withConfig(TWO_TYPOS, "adapter: bigquery\nexclude: ['models/legacy/**']\n", (line) => !line.includes('stg_ordrs')), foundation);
    // No rule, of any family, reports inside `exclude`.
    assert.deepEqual(findings.filter((finding) => finding.file.startsWith('models/legacy/')), []);
  });

  it('ignores an empty glob instead of failing', () => {
    assertFixture(withConfig(TWO_TYPOS, "adapter: bigquery\nexclude: ['']\n"), foundation);
  });
});

describe('inline suppressions', () => {
  const MODEL = '-- @file models/stg_orders.sql\nselect 1 as order_id\n';

  it('suppresses the next line in SQL with `-- dplens-disable-next-line`', () => {
    assertFixture(`${MODEL}
      -- @file models/a.sql
      -- dplens-disable-next-line dag/unknown-ref: the model is created by an external job
      select * from {{ ref('stg_ordres') }}
      union all
      select * from {{ ref('stg_ordrs') }}  -- expect: dag/unknown-ref
    `, foundation);
  });

  it('skips blank lines between the directive and the line it covers', () => {
    assertFixture(`${MODEL}
      -- @file models/a.sql
      -- dplens-disable-next-line dag/unknown-ref: the model is created by an external job

      select * from {{ ref('stg_ordres') }}
    `, foundation);
  });

  it('suppresses the next line with a Jinja comment', () => {
    assertFixture(`${MODEL}
      -- @file models/a.sql
      {# dplens-disable-next-line dag/unknown-ref: the model is created by an external job #}
      select * from {{ ref('stg_ordres') }}
    `, foundation);
  });

  it('suppresses the next line in YAML with `# dplens-disable-next-line`', () => {
    assertFixture(`${MODEL}
      # @file models/_exposures.yml
      version: 2
      exposures:
        - name: dashboard
          type: dashboard
          owner: {name: Finance}
          depends_on:
            # dplens-disable-next-line dag/unknown-ref: the model ships with the next release
            - ref('stg_ordres')
            - ref('stg_ordrs')  # expect: dag/unknown-ref
    `, foundation);
  });

  it('suppresses a rule in the whole file with `dplens-disable-file`', () => {
    assertFixture(`${MODEL}
      -- @file models/a.sql
      -- dplens-disable-file dag/unknown-ref: generated from a template that names models by convention
      select * from {{ ref('stg_ordres') }}
      union all
      select * from {{ ref('stg_ordrs') }}
    `, foundation);
  });

  it('suppresses several rules named in one directive', () => {
    assertFixture(`${MODEL}
      -- @file models/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: payments
      -- @file models/a.sql
      -- dplens-disable-next-line dag/unknown-ref, dag/unknown-source: both are created by the loader
      select * from {{ ref('stg_ordres') }} join {{ source('shop', 'paymnts') }} using (id)
    `, foundation);
  });

  it('reports a directive without a reason as malformed, and suppresses nothing with it', () => {
    const outcome = checkSource(`${MODEL}
      -- @file models/a.sql
      -- dplens-disable-next-line dag/unknown-ref
      select * from {{ ref('stg_ordres') }}
    `);
    assert.deepEqual(
      outcome.findings.filter(isFoundationFinding).map((finding) => [finding.rule, finding.range.start.line + 1, finding.range.start.character + 1]),
      [
        ['suppression/malformed', 1, 4],
        ['dag/unknown-ref', 2, 18],
      ],
    );
    assert.match(outcome.findings.filter(isFoundationFinding)[0].message, /gives no reason/);
  });

  it('reports a directive that suppresses nothing as unused', () => {
    const outcome = checkSource(`${MODEL}
      -- @file models/a.sql
      select 1 as id
      -- dplens-disable-next-line dag/unknown-ref: left over from a rename
      , 2 as other
    `);
    assert.deepEqual(
      outcome.findings.filter(isFoundationFinding).map((finding) => [finding.file, finding.rule, finding.range.start.line + 1, finding.range.start.character + 1]),
      [['models/a.sql', 'suppression/unused', 2, 4]],
    );
  });

  it('does not judge a suppression unused when a rule it names did not run', () => {
    assertFixture(`${MODEL}
      -- @file models/a.sql
      -- dplens-disable-next-line dag/unknown-ref: left over from a rename
      select 1 as id
      -- @file dplens.yml
      adapter: bigquery
      rules:
        dag/unknown-ref: off
    `, foundation);
  });
});
