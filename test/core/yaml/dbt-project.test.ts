import { strict as assert } from 'node:assert';
import { folderConfig, folderConfigWithSources, isKnownDbtConfig, mergeDbtConfig } from '../../../server/src/core/yaml/dbt-config';
import { parseDbtProject, resolveProjectVar } from '../../../server/src/core/yaml/dbt-project';
import { locateYamlPath } from '../../../server/src/core/yaml/locate';

const PROJECT = `
name: jaffle_shop
version: '1.0.0'
config-version: 2
profile: "{{ env_var('DBT_PROFILE', 'jaffle') }}"
model-paths: ["models", "more_models"]
require-dbt-version: ">=1.7.0"
vars:
  start_date: '2020-01-01'
  dbt_utils:
    surrogate_key_treat_nulls_as_empty_strings: true
models:
  +persist_docs: {relation: true}
  jaffle_shop:
    +materialized: view
    +tags: [base]
    schema: "{{ target.schema }}_x"
    staging:
      +materialized: table
      tags: staging
      +meta: {owner: data-eng}
      meta:
        +schema: should_be_a_folder_named_meta
      stg_orders:
        +materialized: incremental
        +tags: [orders]
        +meta: {tier: 1}
  dbt_utils:
    +enabled: false
seeds:
  jaffle_shop:
    +schema: raw
tests:
  +severity: warn
`;

describe('parseDbtProject', () => {
  it('reads identity, paths with defaults, vars and trees', () => {
    const { project, errors, problems } = parseDbtProject(PROJECT);
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    assert.equal(project.name, 'jaffle_shop');
    assert.equal(project.version, '1.0.0');
    assert.equal(project.configVersion, 2);
    assert.equal(project.profile, "{{ env_var('DBT_PROFILE', 'jaffle') }}");
    assert.deepEqual(project.modelPaths, ['models', 'more_models']);
    assert.deepEqual(project.seedPaths, ['seeds']);
    assert.deepEqual(project.snapshotPaths, ['snapshots']);
    assert.deepEqual(project.macroPaths, ['macros']);
    assert.deepEqual(project.analysisPaths, ['analyses']);
    assert.deepEqual(project.testPaths, ['tests']);
    assert.equal(project.docsPaths, undefined);
    assert.equal(project.packagesInstallPath, 'dbt_packages');
    assert.equal(project.targetPath, 'target');
    assert.deepEqual(project.requireDbtVersion, ['>=1.7.0']);
    assert.equal(project.vars.start_date, '2020-01-01');
    assert.ok(project.configTrees.models);
    assert.equal(project.models, project.configTrees.models.tree);
    assert.deepEqual(project.configTrees.models.path, ['models']);
    assert.deepEqual(project.tests, { '+severity': 'warn' });
    assert.deepEqual(project.seeds, { jaffle_shop: { '+schema': 'raw' } });
  });

  it('resolves package-scoped vars before global ones', () => {
    const { project } = parseDbtProject(PROJECT);
    const names = new Set(['jaffle_shop', 'dbt_utils']);
    assert.equal(resolveProjectVar(project.vars, 'surrogate_key_treat_nulls_as_empty_strings', 'dbt_utils', names), true);
    assert.equal(resolveProjectVar(project.vars, 'surrogate_key_treat_nulls_as_empty_strings', 'jaffle_shop', names), undefined);
    assert.equal(resolveProjectVar(project.vars, 'start_date', 'dbt_utils', names), '2020-01-01');
  });

  it('defaults everything for an empty file and reports the missing name', () => {
    const { project, errors, problems } = parseDbtProject('');
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(project.modelPaths, ['models']);
    const named = parseDbtProject('version: 1\n');
    assert.equal(named.problems.length, 1);
  });

  it('reports wrong shapes and invalid names with paths', () => {
    const { problems } = parseDbtProject('name: my-project\nmodel-paths: 3\nmodels: [a]\ndata_tests: {}\ntests: {}\n');
    assert.deepEqual(problems.map((problem) => problem.path), [['model-paths'], ['name'], ['models'], ['tests']]);
  });

  it('reports unquoted Jinja with its position and still reads the rest', () => {
    const text = 'name: p\nprofile: {{ env_var("P") }}\nmodel-paths: [src]\n';
    const { project, errors } = parseDbtProject(text);
    assert.equal(errors.length, 1);
    assert.equal(text.slice(errors[0].span.start, errors[0].span.end), '{{ env_var("P") }}');
    assert.equal(project.profile, '{{ env_var("P") }}');
    assert.deepEqual(project.modelPaths, ['src']);
  });
});

describe('folderConfig', () => {
  const { project } = parseDbtProject(PROJECT);

  it('applies root, project, folder and resource levels, most specific winning', () => {
    const config = folderConfig(project.models, 'jaffle_shop', ['staging'], 'stg_orders');
    assert.equal(config.materialized, 'incremental');
    assert.deepEqual(config.tags, ['base', 'staging', 'orders']);
    assert.deepEqual(config.meta, { owner: 'data-eng', tier: 1 });
    assert.deepEqual(config.persist_docs, { relation: true });
    assert.equal(config.schema, '{{ target.schema }}_x');
  });

  it('stops at the deepest folder that exists', () => {
    const config = folderConfig(project.models, 'jaffle_shop', ['staging', 'nested'], 'stg_payments');
    assert.equal(config.materialized, 'table');
    assert.deepEqual(config.tags, ['base', 'staging']);
  });

  it('treats a bare key with a mapping value as a folder, as dbt does', () => {
    const config = folderConfig(project.models, 'jaffle_shop', ['staging']);
    assert.deepEqual(config.meta, { owner: 'data-eng' });
    const inMeta = folderConfig(project.models, 'jaffle_shop', ['staging', 'meta']);
    assert.equal(inMeta.schema, 'should_be_a_folder_named_meta');
  });

  it('applies other packages only to their own resources', () => {
    assert.equal(folderConfig(project.models, 'dbt_utils', ['sql']).enabled, false);
    assert.equal(folderConfig(project.models, 'jaffle_shop', []).enabled, undefined);
    assert.deepEqual(folderConfig(project.models, 'other', ['x']), { persist_docs: { relation: true } });
  });

  it('tolerates a missing or malformed tree', () => {
    assert.deepEqual(folderConfig(undefined, 'p', ['a']), {});
    assert.deepEqual(folderConfig(['x'], 'p', ['a']), {});
  });

  it('says where each config was set, so it can be located', () => {
    const { setAt } = folderConfigWithSources(project.models, 'jaffle_shop', ['staging'], 'stg_orders');
    assert.deepEqual(setAt.materialized, ['jaffle_shop', 'staging', 'stg_orders', '+materialized']);
    assert.deepEqual(setAt.persist_docs, ['+persist_docs']);
    const span = locateYamlPath(PROJECT, ['models', ...setAt.materialized]);
    assert.ok(span);
    assert.equal(PROJECT.slice(span.start, span.end), 'incremental');
  });
});

describe('mergeDbtConfig', () => {
  it('clobbers ordinary keys, including dicts without merge behaviour', () => {
    assert.deepEqual(
      mergeDbtConfig({ materialized: 'view', persist_docs: { relation: true }, quoting: { a: 1 } }, { materialized: 'table', persist_docs: { columns: true } }),
      { materialized: 'table', persist_docs: { columns: true }, quoting: { a: 1 } },
    );
  });

  it('appends tags without duplicates and accepts a single string', () => {
    assert.deepEqual(mergeDbtConfig({ tags: 'a' }, { tags: ['b', 'a'] }), { tags: ['a', 'b'] });
  });

  it('appends hooks, normalising pre_hook to pre-hook', () => {
    assert.deepEqual(mergeDbtConfig({ pre_hook: 'select 1' }, { 'pre-hook': ['select 2'], post_hook: 'x' }), {
      'pre-hook': ['select 1', 'select 2'],
      'post-hook': ['x'],
    });
  });

  it('merges meta, docs and contract shallowly', () => {
    assert.deepEqual(
      mergeDbtConfig({ meta: { a: 1, nested: { x: 1 } }, docs: { show: false }, contract: { enforced: true } }, { meta: { b: 2, nested: { y: 2 } }, docs: { node_color: 'red' } }),
      { meta: { a: 1, b: 2, nested: { y: 2 } }, docs: { show: false, node_color: 'red' }, contract: { enforced: true } },
    );
  });

  it('merges grants per privilege, extending with a leading +', () => {
    assert.deepEqual(mergeDbtConfig({ grants: { select: ['a'], insert: 'b' } }, { grants: { '+select': 'c', insert: ['d'] } }), {
      grants: { select: ['a', 'c'], insert: ['d'] },
    });
  });

  it('does not mutate its inputs', () => {
    const base = { tags: ['a'], meta: { a: 1 } };
    mergeDbtConfig(base, { tags: ['b'], meta: { b: 2 } });
    assert.deepEqual(base, { tags: ['a'], meta: { a: 1 } });
  });

  it('knows common and adapter configs', () => {
    for (const key of ['materialized', '+tags', 'partition_by', 'cluster_by', 'snowflake_warehouse', 'dist', 'post-hook', 'on_schema_change']) {
      assert.ok(isKnownDbtConfig(key), key);
    }
    assert.equal(isKnownDbtConfig('staging'), false);
  });
});
