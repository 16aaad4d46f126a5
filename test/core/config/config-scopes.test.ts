/**
 * A project's own dplens.yml is merged over the workspace's: every setting it writes wins, every setting it
 * leaves out comes from the workspace's.
 */
import assert from 'node:assert/strict';
import { mergeConfigs, readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';

describe('dplens.yml scopes: a project configuration over the workspace one', () => {
  it('keeps each top-level setting of the project file, and the workspace value of the others', () => {
    const workspace = parseDplensConfig('adapter: bigquery\nairflow: 2\nlimits:\n  maxFileBytes: 2000000\n').config;
    const project = parseDplensConfig('airflow: 3\n').config;
    const merged = mergeConfigs(workspace, project);
    assert.equal(merged.airflow, 3);
    assert.equal(merged.adapter, 'bigquery');
    assert.equal(merged.limits?.maxFileBytes, 2_000_000);
    assert.equal(mergeConfigs(workspace, parseDplensConfig('adapter: snowflake\n').config).airflow, 2);
    const events = parseDplensConfig('events:\n  compatibility: FULL\n').config;
    assert.equal(mergeConfigs(workspace, events).events?.compatibility, 'FULL');
    assert.equal(mergeConfigs(events, project).events?.compatibility, 'FULL');
  });

  it('applies a project file found beside a dbt_project.yml', () => {
    const scopes = readConfigScopes(
      new Map([
        ['dplens.yml', 'airflow: 2\n'],
        ['analytics/dbt_project.yml', "name: analytics\nversion: '1.0.0'\nconfig-version: 2\n"],
        ['analytics/dplens.yml', 'airflow: 3\n'],
      ]),
    );
    assert.equal(scopes.root.airflow, 2);
    assert.equal(scopes.byProjectRoot.get('analytics')?.airflow, 3);
  });
});
