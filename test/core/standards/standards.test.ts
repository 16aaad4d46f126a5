/**
 * The conventions behind the standards rules: dbt-project-evaluator's model types (prefix wins over folder), its
 * variables in dbt_project.yml, and its exceptions seed.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { EVALUATOR_DEFAULTS, standardsOf, thresholdOf } from '../../../server/src/core/standards/evaluator-config';
import { isExcepted, likeMatches, parseExceptions } from '../../../server/src/core/standards/exceptions';
import { modelTypeOf } from '../../../server/src/core/standards/model-type';
import { IncrementalSession } from '../project/helpers';
import { ruleById } from '../../../server/src/core/rules/registry';

const project = (vars: string) =>
  checkWorkspace(new Map([['dbt_project.yml', `name: shop\nversion: '1.0.0'\nprofile: shop\n${vars}`], ['models/a.sql', 'select 1 as id']])).index.projectOf('models/a.sql');

describe('standards: model types', () => {
  const type = (name: string, file: string) => modelTypeOf({ name, file }, EVALUATOR_DEFAULTS).type;

  it('reads the type from the prefix first, then from the innermost folder naming a type', () => {
    assert.equal(type('stg_shop__orders', 'models/staging/shop/stg_shop__orders.sql'), 'staging');
    assert.equal(type('stg_orders', 'models/marts/stg_orders.sql'), 'staging', 'prefix wins over folder');
    assert.equal(type('orders_enriched', 'models/intermediate/finance/orders_enriched.sql'), 'intermediate');
    assert.equal(type('fct_orders', 'models/fct_orders.sql'), 'marts');
    assert.equal(type('dim_customers', 'models/staging/dim_customers.sql'), 'marts');
    assert.equal(type('rpt_revenue', 'models/rpt_revenue.sql'), 'other');
    assert.equal(type('orders', 'models/orders.sql'), 'other');
  });

  it('follows the evaluator variables a project sets, at the top level or scoped to the package', () => {
    const top = standardsOf(project("vars:\n  staging_prefixes: ['src_']\n  marts_folder_name: reporting\n  models_fanout_threshold: 5\n"));
    assert.equal(modelTypeOf({ name: 'src_orders', file: 'models/src_orders.sql' }, top).type, 'staging');
    assert.equal(modelTypeOf({ name: 'stg_orders', file: 'models/stg_orders.sql' }, top).type, 'other');
    assert.equal(modelTypeOf({ name: 'orders', file: 'models/reporting/orders.sql' }, top).type, 'marts');
    assert.equal(top.modelsFanoutThreshold, 5);
    const scoped = standardsOf(project("vars:\n  dbt_project_evaluator:\n    too_many_joins_threshold: 4\n    documentation_coverage_target: 75\n"));
    assert.equal(scoped.tooManyJoinsThreshold, 4);
    assert.equal(scoped.documentationCoverageTarget, 75);
    assert.deepEqual(standardsOf(project('')), EVALUATOR_DEFAULTS);
  });

  it('lets an explicit dplens.yml option win over the evaluator variable, and the variable over the default', () => {
    assert.equal(thresholdOf({ threshold: 3 }, 'threshold', 3, 5), 5);
    assert.equal(thresholdOf({ threshold: 10 }, 'threshold', 3, 5), 10);
  });
});

describe('standards: the evaluator exceptions seed', () => {
  it('parses rows with quoted fields and skips incomplete ones', () => {
    const rows = parseExceptions('seeds/x.csv', 'fct_name,column_name,id_to_exclude,comment\nfct_model_fanout,parent,stg_%,"fan, out is fine"\nbroken\n');
    assert.deepEqual(rows.map((row) => [row.fctName, row.columnName, row.idToExclude, row.comment, row.line]), [['fct_model_fanout', 'parent', 'stg_%', 'fan, out is fine', 2]]);
  });

  it('matches LIKE patterns: % and _ as wildcards, everything else literally', () => {
    assert.ok(likeMatches('stg_%', 'stg_orders'));
    assert.ok(likeMatches('stg_orders', 'stg_orders'));
    assert.ok(likeMatches('stg__rders', 'stg_orders'));
    assert.ok(!likeMatches('stg.%', 'stgxorders'));
    assert.ok(!likeMatches('stg_%', 'int_orders'));
  });

  it('is read from the project seeds and excludes findings by evaluator model and column value', () => {
    const { index } = checkWorkspace(
      new Map([
        ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nprofile: shop\n"],
        ['models/a.sql', 'select 1 as id'],
        ['seeds/dbt_project_evaluator_exceptions.csv', 'fct_name,column_name,id_to_exclude,comment\nfct_direct_join_to_source,parent,raw_%,legacy\n'],
      ]),
    );
    const shop = index.projectOf('models/a.sql');
    assert.ok(isExcepted(index, shop, 'fct_direct_join_to_source', { parent: 'raw_orders', child: 'a' }));
    assert.ok(!isExcepted(index, shop, 'fct_direct_join_to_source', { parent: 'stg_orders' }));
    assert.ok(!isExcepted(index, shop, 'fct_model_fanout', { parent: 'raw_orders' }));
  });
});

describe('standards: editing the exceptions seed', () => {
  it('re-checks every file, so the findings equal a fresh check after adding, changing and deleting the seed', () => {
    const session = new IncrementalSession(`
      -- @file models/marts/fct_orders.sql
      select * from raw_shop.orders
      -- @file models/marts/fct_refunds.sql
      select * from raw_shop.refunds
      `);
    const hardCoded = (lines: string[]) => lines.filter((line) => line.includes('dag/hard-coded-reference')).length;
    assert.equal(hardCoded(session.findings()), 2);
    const seed = 'seeds/dbt_project_evaluator_exceptions.csv';
    const result = session.edit(seed, 'fct_name,column_name,id_to_exclude,comment\nfct_hard_coded_references,model,fct_orders,legacy load\n');
    assert.ok(result.affected.includes('models/marts/fct_orders.sql'), 'the excepted model is re-checked');
    assert.deepEqual(session.findings(), session.fullFindings());
    assert.equal(hardCoded(session.findings()), 1);
    session.edit(seed, 'fct_name,column_name,id_to_exclude,comment\nfct_hard_coded_references,model,fct_%,legacy loads\n');
    assert.deepEqual(session.findings(), session.fullFindings());
    assert.equal(hardCoded(session.findings()), 0);
    session.edit(seed, undefined);
    assert.deepEqual(session.findings(), session.fullFindings());
    assert.equal(hardCoded(session.findings()), 2);
  });
});

describe('standards: the evaluator variable exclude_paths_from_project', () => {
  // Only the rules that mirror an evaluator check follow its exclusions (layout/model-without-properties, for one, does not).
  const mirrorsEvaluator = (id: string) => ruleById(id)?.equivalents.some((equivalent) => equivalent.startsWith('dbt-project-evaluator:')) ?? false;
  const files = (vars: string) =>
    new Map([
      ['dbt_project.yml', `name: shop\nversion: '1.0.0'\nprofile: shop\n${vars}`],
      ['models/legacy/orders.sql', 'select * from raw_shop.orders'],
      ['models/marts/fct_refunds.sql', 'select * from raw_shop.refunds'],
    ]);
  const evaluatorFindings = (vars: string) =>
    checkWorkspace(files(vars))
      .findings.filter((finding) => finding.file.startsWith('models/') && mirrorsEvaluator(finding.rule))
      .map((finding) => `${finding.file} ${finding.rule}`);

  it('leaves resources whose `path:folder.name` matches a pattern (case-insensitively) out of every evaluator check', () => {
    const all = evaluatorFindings('');
    assert.ok(all.some((line) => line.startsWith('models/legacy/orders.sql dag/hard-coded-reference')));
    assert.ok(all.some((line) => line.startsWith('models/legacy/orders.sql naming/model-prefix')));
    for (const vars of ["vars:\n  exclude_paths_from_project: ['/LEGACY/']\n", "vars:\n  dbt_project_evaluator:\n    exclude_paths_from_project: ['legacy\\.orders$']\n"]) {
      const kept = evaluatorFindings(vars);
      assert.deepEqual(kept.filter((line) => line.startsWith('models/legacy/')), [], vars);
      assert.deepEqual(kept.filter((line) => line.startsWith('models/marts/')), all.filter((line) => line.startsWith('models/marts/')), vars);
    }
  });

  it('counts excluded models out of the coverage figures, and ignores an invalid pattern', () => {
    const coverage = (vars: string) => checkWorkspace(files(vars)).findings.find((finding) => finding.rule === 'docs/coverage')?.message ?? '';
    assert.match(coverage(''), /0 of 2 models/);
    assert.match(coverage("vars:\n  exclude_paths_from_project: ['models/legacy/']\n"), /0 of 1 model/);
    assert.match(coverage("vars:\n  exclude_paths_from_project: ['(unclosed']\n"), /0 of 2 models/);
  });
});
