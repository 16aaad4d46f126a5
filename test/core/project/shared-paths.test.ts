/**
 * Folders that several dbt projects share. dbt parses each project's paths on its own (dbt-core's `read_files`
 * runs per project), so a folder two projects list in `model-paths` or `macro-paths` belongs to both, as
 * duneanalytics/spellbook's five subprojects share `../../sources`: each project gets its own sources from it,
 * a shared table is unused only when no project reads it, and a finding in a shared file is reported once.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import { macroDefinitions } from '../../../server/src/core/navigation/entities';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { readWorkspace } from '../../../server/src/io/workspace-reader';
import { assertMarkers, IncrementalSession } from './helpers';

const FIXTURE = path.join(__dirname, '../../fixtures/shared-sources');
const SHARED_SOURCES = 'shared/sources/staging/raw/_raw__sources.yml';

/** Two projects listing the same folders, as the fixture on disk does; `sources` and `models` vary per case. */
function sharedLayout(sources: string, alphaModels: string, betaModels: string): string {
  return `
  # @file dplens.yml
  adapter: postgres
  # @file alpha/dbt_project.yml
  name: alpha
  profile: alpha
  model-paths: ['models', '../shared/sources']
  # @file beta/dbt_project.yml
  name: beta
  profile: beta
  model-paths: ['models', '../shared/sources']
  # @file shared/sources/staging/raw/_raw__sources.yml
  ${sources.trim().split('\n').join('\n  ')}
  ${alphaModels.trim().split('\n').join('\n  ')}
  ${betaModels.trim().split('\n').join('\n  ')}
  `;
}

const RAW_SOURCES = `
version: 2
sources:
  - name: raw
    tables:
      - name: orders
      - name: customers
`;

function reading(project: 'alpha' | 'beta', table: string): string {
  return `-- @file ${project}/models/staging/stg_${project}__${table}.sql\nselect * from {{ source('raw', '${table}') }}`;
}

/** Models and an exposure in the shared folder, written to draw findings from the DAG, SQL, naming and partition rules. */
const SHARED_MODELS = `
-- @file shared/sources/staging/raw/stg_raw__refunds.sql
select *, amount * 100 as AmountCents from {{ source('raw', 'refunds') }}
-- @file shared/sources/marts/refunds.sql
{{ config(materialized='incremental') }}
select r.*, o.id
from {{ ref('stg_raw__refunds') }} as r
join {{ source('raw', 'orders') }} as o on o.id = r.order_id
join analytics.raw.orders_backup as b on b.id = o.id
join {{ ref('stg_raw__missing') }} as m on m.id = o.id
# @file shared/sources/marts/_exposures.yml
version: 2
exposures:
  - name: refunds_dashboard
    type: dashboard
    owner: {name: Finance}
    depends_on:
      - ref('refunds')
      - source('raw', 'orders')
`;

function located(finding: Finding): string {
  return `${finding.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.rule}`;
}

describe('folders shared by several projects', () => {
  describe('the fixture test/fixtures/shared-sources', () => {
    const read = readWorkspace(FIXTURE);
    const outcome = checkWorkspace(read.files);

    it('reads the shared folders once and gives each project its own sources and macros', () => {
      assert.deepEqual(read.problems, []);
      assert.deepEqual(outcome.index.projectsOf(SHARED_SOURCES).map((project) => project.name).sort(), ['alpha', 'beta']);
      assert.deepEqual(outcome.index.projectsOf('shared/macros/cents_to_dollars.sql').map((project) => project.name).sort(), ['alpha', 'beta']);
      for (const project of ['alpha', 'beta']) {
        for (const table of ['orders', 'customers', 'legacy_refunds']) {
          const node = outcome.index.node(`source.${project}.raw.${table}`);
          assert.equal(node?.properties?.file, SHARED_SOURCES, `${project} has no source node for raw.${table}`);
        }
        assert.ok(outcome.index.hasMacro(project, 'cents_to_dollars'), `${project} does not see the shared macro`);
      }
      // Go to definition finds the shared macro from either project's models.
      for (const model of ['alpha/models/staging/raw/stg_raw__orders.sql', 'beta/models/staging/raw/stg_raw__customers.sql']) {
        assert.deepEqual(macroDefinitions(outcome.index, model, 'cents_to_dollars').map((definition) => definition.file), ['shared/macros/cents_to_dollars.sql']);
      }
    });

    it('links each project’s copy of a shared declaration to the first owner’s', () => {
      const first = outcome.index.projectOf(SHARED_SOURCES)!.name;
      const other = first === 'alpha' ? 'beta' : 'alpha';
      const original = outcome.index.node(`source.${first}.raw.orders`)!;
      const copy = outcome.index.node(`source.${other}.raw.orders`)!;
      assert.equal(original.copyOf, undefined);
      assert.deepEqual(original.sharedWith, [copy.uniqueId]);
      assert.equal(copy.copyOf, original.uniqueId);
    });

    it('resolves every project’s source() calls and reports only the table nobody reads, once', () => {
      assert.deepEqual(outcome.findings.map(located), [`${SHARED_SOURCES}:15:15 dag/unused-source`]);
    });

    it('counts each project’s models once in parse coverage', () => {
      assert.equal(outcome.parseCoverage.models, 2);
      assert.equal(outcome.parseCoverage.relations, 2);
    });
  });

  describe('a shared source table is unused only when no project reads it', () => {
    const cases: { name: string; alpha: string[]; beta: string[]; unused: string[] }[] = [
      { name: 'each project reads one table', alpha: ['orders'], beta: ['customers'], unused: [] },
      { name: 'only the first project reads anything', alpha: ['orders', 'customers'], beta: [], unused: [] },
      { name: 'only the second project reads anything', alpha: [], beta: ['orders', 'customers'], unused: [] },
      { name: 'both read the same table', alpha: ['orders'], beta: ['orders'], unused: ['customers'] },
      { name: 'neither reads anything', alpha: [], beta: [], unused: ['orders', 'customers'] },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const source = sharedLayout(RAW_SOURCES, testCase.alpha.map((table) => reading('alpha', table)).join('\n'), testCase.beta.map((table) => reading('beta', table)).join('\n'));
        const outcome = checkWorkspace(parseFixture(source, { defaults: false }).files, { only: ['dag/unused-source', 'dag/unknown-source'] });
        const unused = outcome.findings.map((finding) => /`raw\.(\w+)`/.exec(finding.message)?.[1] ?? finding.message);
        assert.deepEqual(outcome.findings.map((finding) => finding.rule), testCase.unused.map(() => 'dag/unused-source'));
        assert.deepEqual(unused.sort(), [...testCase.unused].sort());
      });
    }
  });

  it('still reports a source() that no owner declares, in the project that calls it', () => {
    assertMarkers(
      sharedLayout(
        RAW_SOURCES,
        `${reading('alpha', 'orders')}\n${reading('alpha', 'customers')}`,
        `-- @file beta/models/staging/stg_beta__refunds.sql\nselect * from {{ source('raw', 'refunds') }}  -- expect: dag/unknown-source`,
      ),
      { defaults: false, onlyRules: ['dag/unknown-source', 'dag/unused-source'] },
    );
  });

  it('reports each finding of a shared file once, with every rule on', () => {
    // Undocumented sources without freshness, and a shared model file, draw findings from many rules at once.
    const source = sharedLayout(
      `
version: 2
sources:
  - name: raw
    tables:
      - name: orders
      - name: refunds
        columns:
          - name: id
`,
      `${reading('alpha', 'orders')}\n${SHARED_MODELS}`,
      reading('beta', 'orders'),
    );
    const outcome = checkWorkspace(parseFixture(source, { defaults: false }).files, { only: undefined });
    const shared = outcome.findings.filter((finding) => finding.file.startsWith('shared/'));
    assert.ok(shared.length >= 5, `expected the shared files to draw findings from several rules, got ${shared.map(located).join(', ')}`);
    const keys = shared.map((finding) => `${located(finding)} ${finding.message}`);
    const repeated = keys.filter((key, position) => keys.indexOf(key) !== position);
    assert.deepEqual(repeated, [], 'a finding in a shared file is reported once, not once per project');
    const locations = shared.map(located);
    assert.deepEqual(locations.filter((key, position) => locations.indexOf(key) !== position), [], 'one finding per rule and place, whatever the messages say');
    assert.ok(!outcome.findings.some((finding) => finding.rule === 'dag/unknown-source'), outcome.findings.map(located).join('\n'));
  });

  describe('edits', () => {
    const source = sharedLayout(RAW_SOURCES, reading('alpha', 'orders'), reading('beta', 'orders'));

    it('keeps the incremental findings equal to a full check as projects start and stop reading a shared table', () => {
      const session = new IncrementalSession(source);
      const scope = { onlyRules: ['dag/unused-source', 'dag/unknown-source'] };
      assert.deepEqual(session.findings(scope), session.fullFindings(scope));
      assert.equal(session.findings(scope).length, 1);
      session.edit('beta/models/staging/stg_beta__customers.sql', "select * from {{ source('raw', 'customers') }}\n");
      assert.deepEqual(session.findings(scope), []);
      assert.deepEqual(session.findings(scope), session.fullFindings(scope));
      session.edit(SHARED_SOURCES, 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n');
      assert.deepEqual(session.findings(scope), session.fullFindings(scope));
      assert.equal(session.findings(scope).length, 1, session.findings(scope).join('\n'));
      assert.match(session.findings(scope)[0], /^beta\/models\/staging\/stg_beta__customers\.sql:1:.* dag\/unknown-source/);
      session.edit(SHARED_SOURCES, undefined);
      assert.deepEqual(session.findings(scope), session.fullFindings(scope));
      assert.equal(session.findings(scope).length, 3, session.findings(scope).join('\n'));
    });
  });
});
