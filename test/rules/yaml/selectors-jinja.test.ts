/**
 * A selector's set operation may be a Jinja string that dbt renders into the list (found on the GitLab data
 * team's analytics project); a string without Jinja is still refused.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';

function selectorFindings(definition: string): string[] {
  const files = new Map([
    ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"],
    ['models/a.sql', 'select 1 as id'],
    ['selectors.yml', `selectors:\n  - name: changed\n    definition:\n${definition}`],
  ]);
  return checkWorkspace(files)
    .findings.filter((finding) => finding.file === 'selectors.yml' && finding.rule.startsWith('yaml/'))
    .map((finding) => `${finding.rule} ${finding.range.start.line}: ${finding.message}`);
}

describe('yaml rules on selectors.yml: set operations written in Jinja', () => {
  it('accepts a union and an intersection that Jinja renders into a list', () => {
    assert.deepEqual(selectorFindings(`      intersection: [{"union": "{{ var('DOWNSTREAM_LIST','[]').split(',') }}"},{"union": "{{ var('UPSTREAM_LIST','[]').split(',') }}"}]\n`), []);
  });

  it('still refuses a union that is a plain string', () => {
    const findings = selectorFindings('      union: tag:nightly\n');
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /yaml\/invalid-value 3: `definition` is a mapping, but something inside it is not what dbt accepts there/);
  });
});
