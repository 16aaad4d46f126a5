import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { assertFixture } from '../../helpers/rule-fixture';
import { FOUNDATION_RULES } from '../../helpers/rule-scopes';
import { effectiveRules, runRules } from '../../../server/src/core/rules/engine';
import { RULES } from '../../../server/src/core/rules/registry';
import { EMPTY_CONFIG } from '../../../server/src/core/config/dplens-config';

const threeCycle = `
-- @file models/a.sql
select * from {{ ref('b') }}  -- expect: dag/cycle
-- @file models/b.sql
select * from {{ ref('c') }}  -- expect: dag/cycle
-- @file models/c.sql
select * from {{ ref('a') }}  -- expect: dag/cycle
-- @file models/d.sql
select * from {{ ref('a') }}
`;

describe('dag/cycle', () => {
  it('flags every member of a cycle at the ref that leads on, with the path in ref order', () => {
    // A minimal project written for the foundation: only its rules are judged.
    const findings = assertFixture(threeCycle, { onlyRules: FOUNDATION_RULES }).filter((finding) => finding.rule === 'dag/cycle');
    const byFile = new Map(findings.map((finding) => [finding.file, finding.message]));
    assert.match(byFile.get('models/a.sql')!, /a → b → c → a/);
    assert.match(byFile.get('models/b.sql')!, /b → c → a → b/);
  });

  it('finds cycles made and broken by edits, without a whole-graph pass per edit', () => {
    const files = parseFixture(`
      -- @file models/a.sql
      select * from {{ ref('b') }}
      -- @file models/b.sql
      select 1 as id
    `).files;
    const outcome = checkWorkspace(files);
    const rules = effectiveRules(RULES, EMPTY_CONFIG, ['dag/cycle']).rules;
    const cycles = () => runRules(outcome.index, rules, { config: EMPTY_CONFIG, projectRulesOnly: true });
    assert.equal(cycles().length, 0);
    outcome.index.updateFile('models/b.sql', "select * from {{ ref('a') }}\n");
    assert.deepEqual(cycles().map((finding) => finding.file).sort(), ['models/a.sql', 'models/b.sql']);
    outcome.index.updateFile('models/b.sql', 'select 2 as id\n');
    assert.equal(cycles().length, 0);
    outcome.index.updateFile('models/b.sql', "select * from {{ ref('b') }}\n");
    assert.deepEqual(cycles().map((finding) => finding.file), ['models/b.sql']);
    outcome.index.removeFile('models/b.sql');
    assert.equal(cycles().length, 0);
  });
});
