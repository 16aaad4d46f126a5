/**
 * A dplens.yml beside a project's dbt_project.yml applies to that project, over the workspace-root one.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';

const monorepo = `
# @file dplens.yml
adapter: bigquery
rules:
  sql/unparseable: off
# @file finance/dbt_project.yml
name: finance
# @file finance/dplens.yml
adapter: snowflake
rules:
  dag/unknown-ref: warning
-- @file finance/models/a.sql
select * from {{ ref('missing_model') }}
# @file marketing/dbt_project.yml
name: marketing
-- @file marketing/models/b.sql
select * from {{ ref('missing_model') }}
`;

describe('dplens.yml per project', () => {
  const outcome = checkWorkspace(parseFixture(monorepo, { defaults: false }).files);

  it("gives each project its own adapter, falling back to the workspace's", () => {
    assert.equal(outcome.index.projects.get('finance')?.adapter, 'snowflake');
    assert.equal(outcome.index.projects.get('marketing')?.adapter, 'bigquery');
  });

  it("applies a project's rule settings to its files only, over the workspace's", () => {
    const severities = outcome.findings.filter((finding) => finding.rule === 'dag/unknown-ref').map((finding) => `${finding.file} ${finding.severity}`);
    assert.deepEqual(severities.sort(), ['finance/models/a.sql warning', 'marketing/models/b.sql error']);
  });

  it('reports a problem in a project dplens.yml with its file', () => {
    const broken = checkWorkspace(parseFixture(monorepo.replace('adapter: snowflake', 'adapter: snowflak'), { defaults: false }).files);
    assert.deepEqual(broken.configProblems.map((entry) => entry.file), ['finance/dplens.yml']);
  });
});
