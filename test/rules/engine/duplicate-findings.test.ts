/**
 * A value under a YAML anchor is reached once per alias that reuses it; the rule that judges it reports at the
 * anchor each time. The engine reports the same finding at the same place once.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';

describe('rule engine: the same finding at the same place is reported once', () => {
  it('reports an unknown key under an anchor reused by two aliases once', () => {
    const files = new Map([
      ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"],
      ['models/a.sql', 'select 1 as id'],
      ['models/b.sql', 'select 1 as id'],
      ['models/c.sql', 'select 1 as id'],
      ['models/_models.yml', 'version: 2\nmodels:\n  - name: a\n    columns: &cols\n      - name: id\n        bogus_key: 1\n  - name: b\n    columns: *cols\n  - name: c\n    columns: *cols\n'],
    ]);
    const unknownKeys = checkWorkspace(files).findings.filter((finding) => finding.rule === 'yaml/unknown-key');
    assert.deepEqual(
      unknownKeys.map((finding) => `${finding.file}:${finding.range.start.line}:${finding.range.start.character}`),
      ['models/_models.yml:5:8'],
    );
  });

  it('keeps findings of one rule at one place when their messages differ', () => {
    const files = new Map([
      ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"],
      ['models/a.sql', "select * from {{ ref('missing_one') }} join {{ ref('missing_two') }} using (id)"],
    ]);
    const unknown = checkWorkspace(files).findings.filter((finding) => finding.rule === 'dag/unknown-ref');
    assert.equal(unknown.length, 2);
  });
});
