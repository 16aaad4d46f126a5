import assert from 'node:assert/strict';
import { checkWorkspace, RuleRunner } from '../../../server/src/core/check';
import { readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { RULES } from '../../../server/src/core/rules/registry';

const workspace = `
-- @file macros/import_all.sql
{% macro import_all(name) %}{% if name == 'loop' %}{% for i in range(100000000) %}{% endfor %}{% endif %}select * from {{ ref(name) }}{% endmacro %}
-- @file models/orders.sql
select 1 as id
-- @file models/fct_orders.sql
with orders as (
    {{ import_all('loop') }}
)
select * from orders
`;

describe('jinja/macro-render-failed after edits', () => {
  it('follows the call when lines move, and clears when the macro renders again', () => {
    const fixture = parseFixture(workspace);
    const outcome = checkWorkspace(fixture.files);
    const runner = new RuleRunner(outcome.index, readConfigScopes(fixture.files), RULES, ['jinja/macro-render-failed']);
    const lines = () => runner.run({ fileRulesOnly: true }).map((finding) => `${finding.file}:${finding.range.start.line}`);
    assert.deepEqual(lines(), ['models/fct_orders.sql:1']);
    // Two lines added above: same call, moved down.
    outcome.index.updateFile('models/fct_orders.sql', `-- a comment\n-- another\n${fixture.files.get('models/fct_orders.sql')}`);
    assert.deepEqual(lines(), ['models/fct_orders.sql:3']);
    outcome.index.updateFile('models/fct_orders.sql', fixture.files.get('models/fct_orders.sql')!.replace("'loop'", "'orders'"));
    assert.deepEqual(lines(), []);
    assert.ok(outcome.index.parents('model.fixture.fct_orders').includes('model.fixture.orders'));
  });
});
