import { strict as assert } from 'node:assert';
import { parsePackages } from '../../../server/src/core/yaml/packages';
import { readAdapterType } from '../../../server/src/core/yaml/profiles';

describe('parsePackages', () => {
  it('derives the install folder of every kind of package', () => {
    const text = `
packages:
  - package: dbt-labs/dbt_utils
    version: [">=1.0.0", "<2.0.0"]
  - package: calogica/dbt-expectations
    version: 0.10.1
  - git: "https://github.com/dbt-labs/dbt-audit-helper.git"
    revision: 0.9.0
  - git: "git@github.com:org/monorepo.git"
    subdirectory: packages/shared_macros
  - local: ../sibling_project/
  - tarball: https://example.com/archive/my-pkg.tar.gz
    name: my_pkg
  - private: org/private-pkg
    revision: main
`;
    const { packages, errors, problems } = parsePackages(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(packages.map((spec) => [spec.source, spec.name, spec.nameIsGuess]), [
      ['hub', 'dbt_utils', false],
      ['hub', 'dbt_expectations', false],
      ['git', 'dbt_audit_helper', true],
      ['git', 'shared_macros', true],
      ['local', 'sibling_project', true],
      ['tarball', 'my_pkg', false],
      ['private', 'private_pkg', true],
    ]);
    assert.deepEqual(packages[0].version, ['>=1.0.0', '<2.0.0']);
    assert.deepEqual(packages[1].version, ['0.10.1']);
    assert.equal(packages[2].revision, '0.9.0');
    assert.equal(packages[3].subdirectory, 'packages/shared_macros');
    assert.deepEqual(packages[4].path, ['packages', 4]);
    assert.equal(packages[0].spec.package, 'dbt-labs/dbt_utils');
  });

  it('reads dependencies.yml with project dependencies', () => {
    const { packages, projects } = parsePackages('projects:\n  - name: core_platform\npackages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n');
    assert.deepEqual(projects, [{ name: 'core_platform', path: ['projects', 0] }]);
    assert.equal(packages[0].name, 'dbt_utils');
  });

  it('reports entries dbt cannot install and tolerates empty files', () => {
    const { problems } = parsePackages('packages:\n  - version: 1\n  - tarball: x.tgz\n  - just text\n');
    assert.deepEqual(problems.map((problem) => problem.path), [['packages', 0], ['packages', 1], ['packages', 2]]);
    assert.deepEqual(parsePackages('').packages, []);
    assert.deepEqual(parsePackages('packages:\n').packages, []);
  });

  it('keeps Jinja in a version or revision as text', () => {
    const { packages, errors } = parsePackages(`packages:\n  - git: "https://x/y/repo.git"\n    revision: "{{ env_var('REV', 'main') }}"\n`);
    assert.deepEqual(errors, []);
    assert.equal(packages[0].revision, "{{ env_var('REV', 'main') }}");
  });
});

describe('readAdapterType', () => {
  const PROFILES = `
config:
  send_anonymous_usage_stats: false
jaffle:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{ env_var('DUCKDB_PATH') }}"
    prod:
      type: Snowflake
      account: xy12345
      password: "{{ env_var('SNOWFLAKE_PASSWORD') }}"
      threads: {{ env_var('THREADS') | as_number }}
other:
  target: "{{ env_var('DBT_TARGET', 'ci') }}"
  outputs:
    ci: {type: bigquery, method: oauth}
computed:
  target: "{{ 'a' if x else 'b' }}"
  outputs:
    a: {type: postgres}
`;

  it('reads the type of the default target', () => {
    assert.deepEqual(readAdapterType(PROFILES, 'jaffle'), { type: 'duckdb', target: 'dev' });
  });

  it('reads the type of a chosen target, whatever Jinja sits in other values', () => {
    assert.deepEqual(readAdapterType(PROFILES, 'jaffle', 'prod'), { type: 'snowflake', target: 'prod' });
  });

  it('uses the default of env_var for a Jinja target', () => {
    assert.deepEqual(readAdapterType(PROFILES, 'other'), { type: 'bigquery', target: 'ci' });
  });

  it('explains what it cannot know', () => {
    assert.match(readAdapterType(PROFILES, 'computed').problem ?? '', /Jinja/);
    assert.match(readAdapterType(PROFILES, 'missing').problem ?? '', /jaffle, other, computed/);
    assert.match(readAdapterType(PROFILES, 'jaffle', 'staging').problem ?? '', /dev, prod/);
    assert.ok(readAdapterType('', 'jaffle').problem);
    assert.ok(readAdapterType('jaffle: [', 'jaffle').problem);
  });

  it('returns only the type and the target, never other values', () => {
    const result = readAdapterType(PROFILES, 'jaffle', 'prod');
    assert.deepEqual(Object.keys(result).sort(), ['target', 'type']);
  });
});
