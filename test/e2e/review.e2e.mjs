// "Data Platform Lens: Review Changes Against Base" in code-server's workbench, on a throw-away git repository:
// a copy of examples/demo committed on `main`, then one model changed to read a misspelt ref and one new model,
// with its properties file, left untracked. The review compares the working tree with the merge-base of HEAD and
// main (the commit), so it must count exactly those three files and the one finding in them, and leave the
// committed findings out.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSession } from '../../scripts/e2e/session.mjs';
import { DEMO_FOLDER } from '../../scripts/e2e/paths.mjs';
import { assert } from './harness.mjs';

const CHANGED_MODEL = 'models/staging/shop/stg_shop__order_items.sql';
const NEW_MODEL = 'models/marts/finance/fct_refunds.sql';
const NEW_PROPERTIES = 'models/marts/finance/fct_refunds.yml';

/** Git with no user or system configuration of this machine, and a fixed author, so the fixture is the same everywhere. */
function git(cwd, args) {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
    GIT_COMMITTER_NAME: 'e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
  };
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
}

/** Makes the workspace copy a repository with one commit on main, then changes it; returns the commit. */
function makeRepository(workspace) {
  git(workspace, ['init', '--quiet', '--initial-branch=main']);
  git(workspace, ['add', '--all']);
  git(workspace, ['commit', '--quiet', '--message', 'The demo project as on main']);
  const base = git(workspace, ['rev-parse', 'HEAD']);
  // A modified model: the misspelt ref is the one finding of the change.
  const changed = join(workspace, CHANGED_MODEL);
  const text = readFileSync(changed, 'utf8');
  assert(text.includes("ref('stg_shop__products')"), `${CHANGED_MODEL} no longer reads ref('stg_shop__products'); update the fixture`);
  writeFileSync(changed, text.replace("ref('stg_shop__products')", "ref('stg_shop__prodcts')"));
  // An untracked model without findings: counted as changed, with no finding. It comes with its properties (a
  // description and a primary-key test), as the project's conventions ask, in a file of its own, so that no file
  // with committed findings (such as _finance__models.yml) counts as changed.
  writeFileSync(join(workspace, NEW_MODEL), "select order_id, refunded_amount\nfrom {{ ref('int_refunds_by_order') }}\n");
  writeFileSync(
    join(workspace, NEW_PROPERTIES),
    [
      'version: 2',
      '',
      'models:',
      '  - name: fct_refunds',
      "    description: Refunds per order, for the finance team's reconciliation.",
      '    columns:',
      '      - name: order_id',
      '        description: Primary key of the refunded order.',
      '        data_tests:',
      '          - unique',
      '          - not_null',
      '',
    ].join('\n'),
  );
  const status = git(workspace, ['status', '--porcelain']);
  assert(status === ` M ${CHANGED_MODEL}\n?? ${NEW_MODEL}\n?? ${NEW_PROPERTIES}`, `unexpected git status of the fixture: ${JSON.stringify(status)}`);
  return { base };
}

export async function reviewSuite(suite) {
  const opened = 'a git repository with a changed and a new model opens in the workbench, and the language server indexes it';
  let session;
  await suite.check(opened, async () => {
    session = await startSession({ name: 'review', folder: DEMO_FOLDER, log: (line) => suite.log(line), prepare: makeRepository });
    suite.page = session.workbench.page;
    const wb = session.workbench;
    // The extension activates on dbt_project.yml; no file needs to be open.
    const item = wb.page.locator('.statusbar-item', { hasText: 'Data Platform Lens' }).first();
    await wb.waitFor(item.locator('.codicon-check'), 'the status bar item to show the server running (a check icon)');
    // A committed finding of a file that is not open is published only by the whole index, which the review needs.
    await wb.problems('stg_shop__ordrs');
    return `base ${session.prepared.base.slice(0, 7)}; changed: ${CHANGED_MODEL} (modified), ${NEW_MODEL} and ${NEW_PROPERTIES} (untracked)`;
  });

  try {
    const wb = session?.workbench;
    await suite.check('"Data Platform Lens: Review Changes Against Base" reports the one finding of the three changed files, listed in the Problems panel', async () => {
      const base = session.prepared.base.slice(0, 7);
      const expected = `Data Platform Lens: 1 finding in 1 of the 3 changed files since ${base}; they are listed in the Problems panel.`;
      await wb.runCommand('Data Platform Lens: Review Changes Against Base');
      try {
        await wb.notification(expected);
      } catch (error) {
        throw new Error(`${error.message}; notifications shown: ${JSON.stringify(await wb.notificationTexts())}`);
      }
      // The command opens the Problems panel, where the changed file's finding is listed at its position.
      await wb.waitFor(wb.page.locator('.markers-panel'), 'the Problems panel, which the command opens');
      const file = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'stg_shop__order_items.sql' }).first();
      await wb.waitFor(file, 'the file row of stg_shop__order_items.sql in the Problems panel');
      const row = await wb.problems("ref('stg_shop__prodcts')");
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      for (const part of ['dag/unknown-ref', 'Did you mean `stg_shop__products`?', '[Ln 12, Col 22]']) {
        assert(text.includes(part), `the Problems row of the changed model does not hold "${part}": ${text}`);
      }
      return `${expected} | ${text}`;
    }, { requires: [opened] });

    if (wb?.errors.length) suite.log(`page errors: ${wb.errors.join(' | ')}`);
  } finally {
    await session?.close();
  }
}
