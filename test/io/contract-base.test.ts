/**
 * The contract-change rules on a real git repository built in a temporary folder: a base commit on `main`, a
 * feature branch with a committed change and uncommitted edits, read through `contractBaseInput` and the
 * workspace reader as the CLI and the language server read them. Also the three ways the base can be missing:
 * no repository, an unknown `--base` ref, and a shallow clone without a merge-base.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWorkspace } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/findings';
import { contractBaseInput } from '../../server/src/io/git';
import { readWorkspace } from '../../server/src/io/workspace-reader';

const CHANGE_RULES = new Set([
  'contract/access-narrowed',
  'contract/base-unavailable',
  'contract/column-removed',
  'contract/column-renamed',
  'contract/column-type-changed',
  'contract/constraint-removed',
  'contract/enforcement-disabled',
  'contract/materialization-changed',
  'contract/model-removed',
  'contract/relation-moved',
  'contract/test-removed',
]);

/** Git with an identity and no user or system configuration, so the test behaves alike on every machine. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Data Platform Lens', '-c', 'user.email=tests@dplens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' },
  });
}

function write(root: string, files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const absolute = path.join(root, file);
    if (text === null) fs.rmSync(absolute, { force: true });
    else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, text);
    }
  }
}

function contracted(name: string, columns: string[], options: { enforced?: boolean } = {}): string {
  return ['models:', `  - name: ${name}`, '    config:', '      contract:', `        enforced: ${options.enforced ?? true}`, '    columns:', ...columns.map((line) => `      ${line}`), ''].join('\n');
}

/** The base: five contracted models on Postgres, each changed in its own way on the branch. */
const BASE: Record<string, string> = {
  'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n",
  'dplens.yml': 'adapter: postgres\n',
  'models/fct_orders.sql': "{{ config(materialized='table') }}\nselect 1 as order_id, 10.5 as amount, 'new' as status\n",
  'models/fct_orders.yml': contracted('fct_orders', ['- name: order_id', '  data_type: integer', '  constraints:', '    - type: not_null', '- name: amount', '  data_type: numeric', '- name: status', '  data_type: text']),
  'models/dim_customers.sql': "{{ config(materialized='table') }}\nselect 1 as customer_id\n",
  'models/dim_customers.yml': contracted('dim_customers', ['- name: customer_id', '  data_type: integer', '  constraints:', '    - type: primary_key']),
  'models/fct_payments.sql': 'select 1 as payment_id\n',
  'models/fct_payments.yml': contracted('fct_payments', ['- name: payment_id', '  data_type: integer']),
  'models/fct_refunds.sql': 'select 1 as refund_id\n',
  'models/fct_refunds.yml': contracted('fct_refunds', ['- name: refund_id', '  data_type: integer']),
  'models/fct_invoices.sql': "select 'EUR' as currency\n",
  'models/fct_invoices.yml': contracted('fct_invoices', ['- name: currency', '  data_type: varchar(3)']),
};

/** Committed on the branch: a column and a constraint removed, a model deleted, a table turned into a view. */
const COMMITTED: Record<string, string | null> = {
  'models/fct_orders.sql': "{{ config(materialized='table') }}\nselect 1 as order_id, 'new' as status\n",
  'models/fct_orders.yml': contracted('fct_orders', ['- name: order_id', '  data_type: integer', '- name: status', '  data_type: text']),
  'models/dim_customers.sql': "{{ config(materialized='view') }}\nselect 1 as customer_id\n",
  'models/fct_payments.sql': null,
  'models/fct_payments.yml': null,
};

/** Not committed: a type changed, enforcement disabled, a varchar widened and a column added (neither breaking). */
const UNCOMMITTED: Record<string, string | null> = {
  'models/fct_orders.yml': contracted('fct_orders', ['- name: order_id', '  data_type: integer', '- name: status', '  data_type: integer']),
  'models/fct_refunds.yml': contracted('fct_refunds', ['- name: refund_id', '  data_type: integer'], { enforced: false }),
  'models/fct_invoices.yml': contracted('fct_invoices', ['- name: currency', '  data_type: VARCHAR(10)', '- name: invoice_id', '  data_type: integer']),
  'models/fct_invoices.sql': "select 'EUR' as currency, 1 as invoice_id\n",
};

function changeFindings(root: string, ref?: string): Finding[] {
  const base = contractBaseInput(root, ref);
  return checkWorkspace(readWorkspace(root).files, { base }).findings.filter((finding) => CHANGE_RULES.has(finding.rule));
}

/** Findings as `rule file:line` (one-based), sorted. */
function located(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.rule} ${finding.file}:${finding.range.start.line + 1}`).sort();
}

describe('contract changes against a real git base', function () {
  this.timeout(60000);
  let folder: string;
  let repo: string;
  let clone: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-contract-base-'));
    repo = path.join(folder, 'repo');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, BASE);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, COMMITTED);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
    // The clone is made while `main` is checked out, so its origin/HEAD is origin/main, as on a CI runner.
    git(repo, 'checkout', '-q', 'main');
    clone = path.join(folder, 'shallow');
    git(folder, 'clone', '-q', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${repo}`, clone);
    git(repo, 'checkout', '-q', 'feature');
    write(repo, UNCOMMITTED);
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reports each breaking change of the branch and of the uncommitted edits, where it is fixed, and nothing else', () => {
    assert.deepEqual(located(changeFindings(repo)), [
      'contract/column-removed models/fct_orders.yml:6',
      'contract/column-type-changed models/fct_orders.yml:9',
      'contract/constraint-removed models/fct_orders.yml:7',
      'contract/enforcement-disabled models/fct_refunds.yml:2',
      'contract/materialization-changed models/dim_customers.yml:2',
      'contract/model-removed dbt_project.yml:1',
    ]);
  });

  it('names the base in every message, and the file a removed model was in', () => {
    const findings = changeFindings(repo);
    for (const finding of findings) assert.match(finding.message, /against `main` \([0-9a-f]{7}\)/, finding.message);
    assert.match(findings.find((finding) => finding.rule === 'contract/model-removed')!.message, /`fct_payments`.*models\/fct_payments\.yml.*deleted or renamed/);
    assert.match(findings.find((finding) => finding.rule === 'contract/column-type-changed')!.message, /`text` to `integer`/);
  });

  it('compares with an explicit --base ref as well', () => {
    assert.equal(located(changeFindings(repo, 'main')).length, 6);
    // Against the branch's own commit only the uncommitted edits differ.
    assert.deepEqual(located(changeFindings(repo, 'feature')), ['contract/column-type-changed models/fct_orders.yml:9', 'contract/enforcement-disabled models/fct_refunds.yml:2']);
  });

  it('outside a repository: one info finding, nothing else from the contract-change rules', () => {
    const plain = path.join(folder, 'plain');
    fs.mkdirSync(plain);
    write(plain, BASE);
    const findings = changeFindings(plain);
    assert.deepEqual(findings.map((finding) => [finding.rule, finding.severity, finding.file, finding.range.start.line]), [['contract/base-unavailable', 'info', 'dbt_project.yml', 0]]);
    assert.match(findings[0].message, /not in a git repository/);
  });

  it('an unknown --base ref: a warning naming the ref', () => {
    const findings = changeFindings(repo, 'no-such-branch');
    assert.deepEqual(findings.map((finding) => [finding.rule, finding.severity, finding.file]), [['contract/base-unavailable', 'warning', 'dbt_project.yml']]);
    assert.match(findings[0].message, /`no-such-branch` cannot be resolved/);
  });

  it('a shallow clone without a merge-base: a warning naming fetch-depth: 0', () => {
    const findings = changeFindings(clone);
    assert.deepEqual(findings.map((finding) => [finding.rule, finding.severity, finding.file]), [['contract/base-unavailable', 'warning', 'dbt_project.yml']]);
    assert.match(findings[0].message, /fetch-depth: 0/);
  });
});

/** A model's properties with any entry keys, for the cases beyond a plain contract. */
function properties(lines: string[]): string {
  return ['models:', ...lines.map((line) => `  ${line}`), ''].join('\n');
}

/** The base of the second repository: what is not breaking, the rules beyond dbt, and a versioned model. */
const BEYOND_BASE: Record<string, string> = {
  'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n",
  'dplens.yml': 'adapter: postgres\n',
  'models/fct_codes.sql': "select 'a' as code\n",
  'models/fct_codes.yml': contracted('fct_codes', ['- name: code', '  data_type: VARCHAR']),
  'models/fct_drafts.sql': 'select 1 as draft_id, 2 as legacy_id\n',
  'models/fct_drafts.yml': contracted('fct_drafts', ['- name: draft_id', '  data_type: integer', '- name: legacy_id', '  data_type: integer'], { enforced: false }),
  'models/fct_legacy.sql': 'select 1 as legacy_id\n',
  'models/fct_legacy.yml': properties(['- name: fct_legacy', '  deprecation_date: 2020-01-01', '  config:', '    contract:', '      enforced: true', '  columns:', '    - name: legacy_id', '      data_type: integer']),
  'models/fct_shared.sql': 'select 1 as shared_id\n',
  'models/fct_shared.yml': properties(['- name: fct_shared', '  access: public', '  columns:', '    - name: shared_id', '      data_tests: [not_null]']),
  'models/fct_totals.sql': 'select 1 as amount\n',
  'models/fct_totals.yml': contracted('fct_totals', ['- name: amount', '  data_type: numeric']),
  'models/fct_ledger.sql': "{{ config(schema='finance') }}\nselect 1 as entry_id\n",
  'models/fct_ledger.yml': contracted('fct_ledger', ['- name: entry_id', '  data_type: integer']),
  'models/fct_versions_v1.sql': "select 1 as version_id, 'x' as label\n",
  'models/fct_versions.yml': properties(['- name: fct_versions', '  latest_version: 1', '  config:', '    contract:', '      enforced: true', '  columns:', '    - name: version_id', '      data_type: integer', '    - name: label', '      data_type: text', '  versions:', '    - v: 1']),
};

/** The head: a case change, enforcement enabled with a column dropped, a deprecated model removed (none breaking); access narrowed, a rename, a test removed, a schema moved, a column removed from a versioned model. */
const BEYOND_HEAD: Record<string, string | null> = {
  'models/fct_codes.yml': contracted('fct_codes', ['- name: code', '  data_type: varchar']),
  'models/fct_drafts.sql': 'select 1 as draft_id\n',
  'models/fct_drafts.yml': contracted('fct_drafts', ['- name: draft_id', '  data_type: integer']),
  'models/fct_legacy.sql': null,
  'models/fct_legacy.yml': null,
  'models/fct_shared.yml': properties(['- name: fct_shared', '  access: protected', '  columns:', '    - name: shared_id']),
  'models/fct_totals.sql': 'select 1 as total\n',
  'models/fct_totals.yml': contracted('fct_totals', ['- name: total', '  data_type: numeric']),
  'models/fct_ledger.sql': "{{ config(schema='accounting') }}\nselect 1 as entry_id\n",
  'models/fct_versions_v1.sql': 'select 1 as version_id\n',
  'models/fct_versions.yml': properties(['- name: fct_versions', '  latest_version: 1', '  config:', '    contract:', '      enforced: true', '  columns:', '    - name: version_id', '      data_type: integer', '  versions:', '    - v: 1']),
};

describe('contract changes against a real git base: what is not breaking, the rules beyond dbt, versioned models', function () {
  this.timeout(60000);
  let repo: string;

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-contract-beyond-'));
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, BEYOND_BASE);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, BEYOND_HEAD);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reports the rules beyond dbt and the versioned model as an error, and nothing for the changes that are not breaking', () => {
    const findings = changeFindings(repo);
    assert.deepEqual(
      findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.file}:${finding.range.start.line + 1}`).sort(),
      [
        'error contract/column-removed models/fct_versions.yml:7',
        'warning contract/access-narrowed models/fct_shared.yml:2',
        'warning contract/column-renamed models/fct_totals.yml:7',
        'warning contract/relation-moved models/fct_ledger.yml:2',
        'warning contract/test-removed models/fct_shared.yml:5',
      ],
    );
    // Not breaking: `VARCHAR` → `varchar` (fct_codes), enforcement enabled with a column dropped (fct_drafts), a model
    // removed past its deprecation date (fct_legacy).
    assert.ok(!findings.some((finding) => /fct_codes|fct_drafts|fct_legacy/.test(finding.file + finding.message)), findings.map((finding) => finding.message).join('\n'));
  });
});
