/**
 * Project rules run off the keystroke path: an edit that changes the graph publishes the edited file's findings
 * at once and runs the project rules (cycles, fanout, coverage, unused sources) when asked to settle, which the
 * scheduler does after a pause. After settling, the findings equal a fresh check of the same files.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../server/src/core/check';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { PROJECT_PASS_DELAY_MS } from '../../server/src/lsp/analysis-scheduler';
import { WorkspaceSession } from '../../server/src/lsp/workspace-session';
import { writeFixture } from '../core/project/helpers';

const describeFindings = (findings: { file: string; rule: string; range: { start: { line: number } }; message: string }[]) =>
  findings.map((finding) => `${finding.file}:${finding.range.start.line + 1} ${finding.rule} ${finding.message}`).sort();

describe('language server: project rules after a pause', () => {
  const source = `
    -- @file models/staging/stg_orders.sql
    select 1 as order_id
    -- @file models/marts/fct_orders.sql
    select * from {{ ref('stg_orders') }}
    `;

  it('defers the project rules of a graph-changing edit until the session settles, then matches a fresh check', () => {
    const root = writeFixture(source);
    const session = new WorkspaceSession(root, false);
    const cycles = () => session.filesWithFindings().flatMap((file) => session.findingsFor(file)).filter((finding) => finding.rule === 'dag/cycle');
    assert.equal(cycles().length, 0);

    // Close a cycle: the edit returns at once, with the edited file's own findings, and leaves the project pass due.
    const edited = "select * from {{ ref('fct_orders') }}";
    const changed = session.update('models/staging/stg_orders.sql', edited);
    assert.ok(changed.includes('models/staging/stg_orders.sql'));
    assert.equal(session.projectPassDue, true);
    assert.equal(cycles().length, 0, 'no project pass ran on the keystroke');

    const settled = session.settle();
    assert.equal(session.projectPassDue, false);
    assert.equal(cycles().length, 2, 'both members of the cycle are reported');
    assert.ok(settled.includes('models/staging/stg_orders.sql') && settled.includes('models/marts/fct_orders.sql'));
    const files = readWorkspace(root).files;
    files.set('models/staging/stg_orders.sql', edited);
    const all = session.filesWithFindings().flatMap((file) => session.findingsFor(file));
    assert.deepEqual(describeFindings(all), describeFindings(checkWorkspace(files).findings));
    assert.deepEqual(session.settle(), [], 'nothing is due any more');
  });

  it('leaves an edit that keeps the graph free of any project pass', () => {
    const session = new WorkspaceSession(writeFixture(source), false);
    session.update('models/marts/fct_orders.sql', "-- Orders, one row each.\nselect * from {{ ref('stg_orders') }}");
    assert.equal(session.projectPassDue, false);
  });

  it('waits a pause short enough to feel immediate', () => {
    assert.ok(PROJECT_PASS_DELAY_MS >= 100 && PROJECT_PASS_DELAY_MS <= 500);
  });
});
