/**
 * Project discovery: which dbt projects a workspace holds, which project owns each file, which
 * folders are never entered, and how installed and missing packages change what is reported.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWorkspace } from '../../../server/src/io/workspace-reader';
import { assertFixture } from '../../helpers/rule-fixture';
import { FOUNDATION_RULES, isFoundationFinding } from '../../helpers/rule-scopes';
import { assertMarkers, writeFixture } from './helpers';

// These fixtures are minimal projects written for discovery: they judge only the foundation's rules.
const foundation = { onlyRules: FOUNDATION_RULES };

/** Two root projects side by side, one of which also reads models from a folder outside its own. */
const MONOREPO = `
# @file dplens.yml
adapter: bigquery
# @file alpha/dbt_project.yml
name: alpha
profile: alpha
# @file alpha/models/a_orders.sql
select 1 as order_id
# @file alpha/models/a_report.sql
select * from {{ ref('a_orders') }}
# @file alpha/models/a_cross.sql
-- Sibling projects cannot ref each other's models: dbt only sees its own project and packages.
select * from {{ ref('b_customers') }}  -- expect: dag/unknown-ref
# @file beta/dbt_project.yml
name: beta
profile: beta
model-paths: ['models', '../shared_models']
# @file beta/models/b_customers.sql
select 1 as customer_id
# @file beta/models/b_uses_shared.sql
select * from {{ ref('shared_calendar') }}
# @file shared_models/shared_calendar.sql
select * from {{ ref('b_customers') }}
`;

describe('project discovery', () => {
  describe('monorepo layouts', () => {
    it('finds sibling root projects and resolves each project’s refs within it', () => {
      const outcome = assertMarkers(MONOREPO, { defaults: false, ...foundation });
      assert.deepEqual([...outcome.index.projects.keys()].sort(), ['alpha', 'beta']);
      assert.equal(outcome.index.projectOf('alpha/models/a_report.sql')?.name, 'alpha');
      assert.equal(outcome.index.projectOf('beta/models/b_customers.sql')?.name, 'beta');
    });

    it('gives files under `model-paths: [../shared_models]` to the project that names the folder', () => {
      const outcome = assertMarkers(MONOREPO, { defaults: false, ...foundation });
      assert.equal(outcome.index.projectOf('shared_models/shared_calendar.sql')?.name, 'beta');
      assert.equal(outcome.index.fileKind('shared_models/shared_calendar.sql'), 'model');
      assert.deepEqual(outcome.index.parents('model.beta.b_uses_shared'), ['model.beta.shared_calendar']);
    });

    it('gives a project nested in another project’s subfolder its own files and refs', () => {
      const outcome = assertFixture(`
        -- @file models/orders.sql
        select 1 as order_id
        -- @file models/legacy/dbt_project.yml
        name: legacy
        profile: legacy
        model-paths: ['src']
        -- @file models/legacy/src/legacy_orders.sql
        select * from {{ ref('orders') }}  -- expect: dag/unknown-ref
        -- @file tools/audit/dbt_project.yml
        name: audit
        profile: audit
        -- @file tools/audit/models/audit_log.sql
        select 1 as id
        -- @file tools/audit/models/audit_report.sql
        select * from {{ ref('audit_log') }}
      `, foundation).filter(isFoundationFinding);
      assert.equal(outcome.length, 1);
      assert.match(outcome[0].message, /in project `legacy`/);
    });

    it('assigns every file of a nested project to the nested project, not the enclosing one', () => {
      const outcome = assertMarkers(
        `
        # @file dbt_project.yml
        name: outer
        profile: outer
        # @file dplens.yml
        adapter: bigquery
        # @file models/outer_model.sql
        select 1 as id
        # @file models/inner/dbt_project.yml
        name: inner
        profile: inner
        # @file models/inner/models/inner_model.sql
        select 1 as id
        # @file models/inner/scripts/not_a_model.sql
        select * from {{ ref('nothing_at_all') }}
        `,
        { defaults: false, ...foundation },
      );
      assert.equal(outcome.index.projectOf('models/inner/models/inner_model.sql')?.name, 'inner');
      assert.equal(outcome.index.projectOf('models/outer_model.sql')?.name, 'outer');
      // The nested project's folder outside its model-paths is neither its models nor the outer project's.
      assert.equal(outcome.index.fileKind('models/inner/scripts/not_a_model.sql'), undefined);
      assert.deepEqual(outcome.index.nodesOfFile('models/inner/models/inner_model.sql').map((node) => node.uniqueId), ['model.inner.inner_model']);
    });
  });

  describe('ignored folders', () => {
    const IGNORED = `
      -- @file models/orders.sql
      select 1 as order_id
      -- @file node_modules/some-tool/dbt_project.yml
      name: from_node_modules
      -- @file node_modules/some-tool/models/broken.sql
      select * from {{ ref('missing') }}
      -- @file target/compiled/fixture/dbt_project.yml
      name: from_target
      -- @file target/compiled/fixture/models/orders.sql
      select * from {{ ref('missing') }}
      -- @file .git/modules/dbt_project.yml
      name: from_git
      -- @file dbt_packages/leftover/models/leftover.sql
      select * from {{ ref('missing') }}
      -- @file models/target/still_a_model.sql
      select * from {{ ref('orders') }}
    `;

    it('never takes a dbt_project.yml under node_modules, target, .git or dbt_packages for a root project', () => {
      const index = assertMarkers(IGNORED, foundation).index;
      assert.deepEqual([...index.projects.values()].map((project) => project.name), ['fixture']);
    });

    it('does not analyse or count files in ignored folders', () => {
      const outcome = assertMarkers(IGNORED, foundation);
      const analysed = [...outcome.index.files()].map((file) => file.path).sort();
      assert.deepEqual(analysed, ['dbt_project.yml', 'dplens.yml', 'models/orders.sql']);
      assert.equal(outcome.filesAnalysed, 3);
    });

    it('skips ignored folders when reading from disk, and reads model folders outside the project', () => {
      const root = writeFixture(
        `
        # @file shared_models/shared_calendar.sql
        select 1 as day
        # @file beta/dbt_project.yml
        name: beta
        model-paths: ['models', '../shared_models']
        # @file beta/models/b_customers.sql
        select * from {{ ref('shared_calendar') }}
        # @file beta/node_modules/pkg/models/x.sql
        select 1
        # @file beta/target/run/beta/models/b_customers.sql
        select 1
        # @file beta/.git/hooks/dbt_project.yml
        name: hook
        # @file beta/logs/run.yml
        a: 1
        `,
        { defaults: false },
      );
      try {
        const read = readWorkspace(path.join(root, 'beta'));
        assert.deepEqual([...read.files.keys()].sort(), ['../shared_models/shared_calendar.sql', 'dbt_project.yml', 'models/b_customers.sql']);
        assert.deepEqual(read.problems, []);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('installed packages', () => {
    const INSTALLED = `
      # @file packages.yml
      packages:
        - package: fivetran/stripe
          version: 1.0.0
      # @file dbt_packages/stripe/dbt_project.yml
      name: stripe
      profile: stripe
      # @file dbt_packages/stripe/models/stripe__charges.sql
      -- A package's own mistakes are its maintainers' business: they are never reported here.
      select * from {{ ref('stripe__missing') }}
      # @file dbt_packages/stripe/models/stripe__broken.sql
      select {% if %} from
      # @file dbt_packages/stripe/models/_stripe.yml
      models: [name: oops
      # @file models/revenue.sql
      select * from {{ ref('stripe__charges') }}
      # @file models/revenue_qualified.sql
      select * from {{ ref('stripe', 'stripe__charges') }}
      # @file models/typo.sql
      select * from {{ ref('stripe__chargs') }}  -- expect: dag/unknown-ref
    `;

    it('makes package models ref-able, bare and package-qualified', () => {
      const outcome = assertFixture(INSTALLED, foundation).filter(isFoundationFinding);
      assert.equal(outcome.length, 1);
      assert.match(outcome[0].message, /Did you mean `stripe__charges`\?/);
    });

    it('indexes the package as a project installed by the root project', () => {
      const fixtureIndex = assertMarkers(INSTALLED, foundation).index;
      const stripe = fixtureIndex.projects.get('dbt_packages/stripe');
      assert.equal(stripe?.isPackage, true);
      assert.equal(stripe?.installedBy, '');
      assert.deepEqual(fixtureIndex.projects.get('')?.installedPackages, ['stripe']);
      assert.deepEqual(fixtureIndex.parents('model.fixture.revenue'), ['model.stripe.stripe__charges']);
    });

    it('does not count package files as analysed files', () => {
      // dbt_project.yml, dplens.yml, packages.yml and the three models.
      assert.equal(assertMarkers(INSTALLED, foundation).filesAnalysed, 6);
    });
  });

  describe('packages declared but not installed', () => {
    it('reports one info finding, and stays quiet about refs the missing package could supply', () => {
      assertFixture(`
        # @file packages.yml
        packages:
          - package: dbt-labs/dbt_utils  # expect: project/packages-not-installed
            version: 1.3.0
          - package: fivetran/stripe
            version: 1.0.0
        # @file models/stg_orders.sql
        select 1 as order_id
        # @file models/revenue.sql
        select * from {{ ref('stripe__charges') }}
        # @file models/qualified.sql
        select * from {{ ref('stripe', 'stripe__charges') }}
      `, foundation);
    });

    it('still reports a clearly misspelt ref when a package is missing', () => {
      assertFixture(`
        # @file packages.yml
        packages:
          - package: fivetran/stripe  # expect: project/packages-not-installed
            version: 1.0.0
        # @file models/stg_orders.sql
        select 1 as order_id
        # @file models/orders.sql
        select * from {{ ref('stg_ordres') }}  -- expect: dag/unknown-ref
      `, foundation);
    });

    it('does not let a macro-only package like dbt_utils excuse an unknown ref', () => {
      assertFixture(`
        # @file packages.yml
        packages:
          - package: dbt-labs/dbt_utils  # expect: project/packages-not-installed
            version: 1.3.0
        # @file models/stg_orders.sql
        select 1 as order_id
        # @file models/orders.sql
        select * from {{ ref('stg_ordres') }}  -- expect: dag/unknown-ref
        # @file models/other.sql
        select * from {{ ref('completely_unrelated_name') }}  -- expect: dag/unknown-ref
      `, foundation);
    });
  });
});
