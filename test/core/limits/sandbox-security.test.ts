/**
 * A repository's Jinja runs only inside the sandbox, through the whole check: a macro that queries the warehouse
 * gets an inert value, one that reads a secret from the environment never sees it, and a huge loop or endless
 * recursion ends within a bound with a finding at the macro call. The static Jinja reader survives deep nesting.
 */
import assert from 'node:assert/strict';
import { checkWorkspace, type CheckOutcome } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import { renderStatic } from '../../../server/src/core/jinja';
import { hoverAt } from '../../../server/src/core/navigation/hover';
import { isSqlSummary } from '../../../server/src/core/project/summary';
import { MacroSandbox } from '../../../server/src/core/render';

const SECRET_NAME = 'DPLENS_TEST_SECRET';
const SECRET = 'sUpEr-SeCrEt-value-4711';
const BOUND_MS = 2000;

const MACROS = [
  "{% macro leak_rows(name) %}{% set rows = run_query('select * from secrets') %}select '{{ rows }}' as data, '{{ rows.columns[0].values() if rows else 'none' }}' as first from {{ ref(name) }}{% endmacro %}",
  `{% macro leak_env(name) %}select '{{ env_var('${SECRET_NAME}') }}' as s, '{{ env_var('${SECRET_NAME}', 'fallback') }}' as f from {{ ref(name) }}{% endmacro %}`,
  "{% macro spin(name) %}{% for i in range(10**9) %}{% endfor %}select * from {{ ref(name) }}{% endmacro %}",
  "{% macro burn(name) %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}select * from {{ ref(name) }}{% endmacro %}",
  "{% macro forever(name) %}{{ forever(name) }}select * from {{ ref(name) }}{% endmacro %}",
  "{% macro deep(name, n) %}{% if n > 0 %}{{ deep(name, n - 1) }}{% else %}select * from {{ ref(name) }}{% endif %}{% endmacro %}",
].join('\n');

const MODELS: Record<string, string> = {
  'models/orders.sql': 'select 1 as order_id\n',
  'models/fct_rows.sql': "{{ leak_rows('orders') }}\n",
  'models/fct_env.sql': "{{ leak_env('orders') }}\n",
  'models/fct_env_static.sql': `select '{{ env_var('${SECRET_NAME}') }}' as s, '{{ env_var('${SECRET_NAME}', 'dflt') }}' as d from {{ ref('orders') }}\n`,
  'models/fct_spin.sql': "with x as (\n  {{ spin('orders') }}\n)\nselect * from x\n",
  'models/fct_burn.sql': "with x as (\n  {{ burn('orders') }}\n)\nselect * from x\n",
  'models/fct_forever.sql': "select * from (\n  {{ forever('orders') }}\n)\n",
  'models/fct_deep.sql': "select * from (\n  {{ deep('orders', 100000) }}\n)\n",
};

function workspace(models: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries({
      'dbt_project.yml': 'name: shop\nprofile: shop\n',
      'dplens.yml': 'adapter: bigquery\n',
      'macros/probes.sql': `${MACROS}\n`,
      ...models,
    }),
  );
}

function findingsIn(outcome: CheckOutcome, file: string, rule: string): Finding[] {
  return outcome.findings.filter((finding) => finding.file === file && finding.rule === rule);
}

/** The zero-based line and column where `fragment` starts in `text`. */
function positionOf(text: string, fragment: string): { line: number; character: number } {
  const before = text.slice(0, text.indexOf(fragment));
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('limits: the sandbox through the whole check', () => {
  let outcome: CheckOutcome;
  let millis: number;
  const previous = process.env[SECRET_NAME];

  before(() => {
    process.env[SECRET_NAME] = SECRET;
    const started = performance.now();
    outcome = checkWorkspace(workspace(MODELS));
    millis = performance.now() - started;
  });
  after(() => {
    if (previous === undefined) delete process.env[SECRET_NAME];
    else process.env[SECRET_NAME] = previous;
  });

  it('checks the whole project, runaway macros included, within the bound', () => {
    assert.ok(millis < BOUND_MS * 2, `checked in ${millis.toFixed(0)} ms`);
  });

  it('gives run_query an inert value: the rendering succeeds, and no finding claims data', () => {
    const node = outcome.index.node('model.shop.fct_rows')!;
    assert.deepEqual(node.dependencies.map((dependency) => [dependency.name, dependency.viaMacro, dependency.target]), [['orders', 'leak_rows', 'model.shop.orders']]);
    assert.deepEqual(findingsIn(outcome, 'models/fct_rows.sql', 'jinja/macro-render-failed'), []);
    assert.ok(!outcome.findings.some((finding) => /secrets/.test(finding.message)), 'no finding mentions the queried table');
    const sandbox = MacroSandbox.create([{ path: 'macros/probes.sql', packageName: 'shop', text: MACROS }], { projectName: 'shop', adapter: 'bigquery' });
    try {
      const rendered = sandbox.render(MODELS['models/fct_rows.sql'], { name: 'fct_rows', packageName: 'shop', incremental: false });
      assert.equal(rendered.ok, true, rendered.error?.message);
      assert.match(rendered.sql, /select '(none)?' as data, 'none' as first from orders/);
    } finally {
      sandbox.dispose();
    }
  });

  it('never reads a secret from the environment: not in findings, hovers, summaries or rendered SQL', () => {
    assert.ok(!JSON.stringify(outcome.findings).includes(SECRET), 'findings');
    assert.ok(!JSON.stringify([...outcome.index.files()]).includes(SECRET), 'summaries');
    assert.ok(!JSON.stringify([...outcome.index.nodes()]).includes(SECRET), 'graph nodes');
    for (const file of ['models/fct_env.sql', 'models/fct_env_static.sql']) {
      const text = outcome.index.text(file)!;
      for (let offset = 0; offset < text.length; offset += 3) {
        const hover = hoverAt(outcome.index, file, offset);
        assert.ok(!hover?.markdown.includes(SECRET), `hover at ${file}:${offset}`);
      }
      const summary = outcome.index.file(file)!;
      assert.ok(isSqlSummary(summary));
      const rendered = renderStatic(text, summary.jinja, { incremental: false });
      assert.ok(!rendered.text.includes(SECRET), `static rendering of ${file}`);
    }
    const sandbox = MacroSandbox.create([{ path: 'macros/probes.sql', packageName: 'shop', text: MACROS }], { projectName: 'shop', adapter: 'bigquery' });
    try {
      const rendered = sandbox.render(MODELS['models/fct_env.sql'], { name: 'fct_env', packageName: 'shop', incremental: false });
      assert.equal(rendered.ok, true, rendered.error?.message);
      assert.equal(rendered.sql.trim(), `select 'env_var_${SECRET_NAME}' as s, 'fallback' as f from orders`);
    } finally {
      sandbox.dispose();
    }
    assert.deepEqual(outcome.index.node('model.shop.fct_env')!.dependencies.map((dependency) => dependency.target), ['model.shop.orders']);
  });

  const runaway: [string, string, RegExp][] = [
    ['fct_spin', 'spin', /range has too many elements/],
    ['fct_burn', 'burn', /did not finish within the sandbox's work limit of 100,000 steps/],
    ['fct_forever', 'forever', /recursion limit exceeded/],
    ['fct_deep', 'deep', /recursion limit exceeded/],
  ];
  for (const [model, macro, limit] of runaway) {
    it(`ends ${macro}() within the bound, with a finding at the macro call naming the limit`, () => {
      const file = `models/${model}.sql`;
      const started = performance.now();
      checkWorkspace(workspace({ 'models/orders.sql': MODELS['models/orders.sql'], [file]: MODELS[file] }));
      const alone = performance.now() - started;
      assert.ok(alone < BOUND_MS, `${macro} checked in ${alone.toFixed(0)} ms`);
      const reported = findingsIn(outcome, file, 'jinja/macro-render-failed');
      assert.equal(reported.length, 1, JSON.stringify(outcome.findings.filter((finding) => finding.file === file).map((finding) => finding.rule)));
      const [finding] = reported;
      assert.deepEqual({ line: finding.range.start.line, character: finding.range.start.character }, positionOf(MODELS[file], `${macro}(`));
      assert.match(finding.message, new RegExp(`Rendering the macro \`${macro}\` in the sandbox failed`));
      assert.match(finding.message, limit);
    });
  }
});

describe('limits: the static Jinja reader on deep nesting', () => {
  const cases: [string, string][] = [
    ['5,000 nested {% if %} blocks', `${'{% if a %}'.repeat(5000)}select * from {{ ref('orders') }}${'{% endif %}'.repeat(5000)}\n`],
    ['5,000 nested {% for %} blocks', `${'{% for i in range(3) %}'.repeat(5000)}select * from {{ ref('orders') }}${'{% endfor %}'.repeat(5000)}\n`],
    ['5,000 unclosed {% if %} blocks', `${'{% if a %}'.repeat(5000)}select * from {{ ref('orders') }}\n`],
    ['5,000 nested blocks around a ref-producing macro', `${'{% if a %}'.repeat(5000)}select * from ({{ leak_env('orders') }})${'{% endif %}'.repeat(5000)}\n`],
  ];
  for (const [name, text] of cases) {
    it(`reads ${name} without overflowing the stack, within the bound`, () => {
      const started = performance.now();
      const outcome = checkWorkspace(workspace({ 'models/orders.sql': 'select 1 as order_id\n', 'models/fct_nested.sql': text }));
      const elapsed = performance.now() - started;
      assert.ok(elapsed < BOUND_MS, `checked in ${elapsed.toFixed(0)} ms`);
      const node = outcome.index.node('model.shop.fct_nested')!;
      if (name.includes('macro')) {
        // MiniJinja refuses templates nested this deep: the static reader found the call, and the finding says the rendering failed.
        const [failure, ...others] = findingsIn(outcome, 'models/fct_nested.sql', 'jinja/macro-render-failed');
        assert.equal(others.length, 0);
        assert.match(failure.message, /Rendering the macro `leak_env` in the sandbox failed \(syntax error: template exceeds maximum recursion limits/);
      } else {
        assert.ok(node.dependencies.some((dependency) => dependency.target === 'model.shop.orders'), 'the ref inside is found');
      }
      if (name.includes('unclosed')) assert.equal(findingsIn(outcome, 'models/fct_nested.sql', 'jinja/syntax').length, 5000);
    });
  }

  it('gives up on 10,000 nested parentheses with one located problem, and reads the rest of the file', () => {
    const expression = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const text = `select {{ ${expression} }} as x,\n  {{ ref('orders') }}.order_id\nfrom {{ ref('orders') }}\n`;
    const started = performance.now();
    const outcome = checkWorkspace(workspace({ 'models/orders.sql': 'select 1 as order_id\n', 'models/fct_parens.sql': text }));
    const elapsed = performance.now() - started;
    assert.ok(elapsed < BOUND_MS, `checked in ${elapsed.toFixed(0)} ms`);
    const reported = findingsIn(outcome, 'models/fct_parens.sql', 'jinja/syntax');
    assert.equal(reported.length, 1, reported.map((finding) => finding.message).join('\n'));
    assert.equal(reported[0].range.start.line, 0);
    // The parser stops at the 71st bracket: a bracket costs two of its 140 levels.
    assert.equal(reported[0].range.start.character, 'select {{ '.length + 70);
    assert.match(reported[0].message, /nests more than 70 brackets \(or 140 operators\) inside one another: Data Platform Lens stops reading the template here/);
    assert.ok(outcome.index.node('model.shop.fct_parens')!.dependencies.some((dependency) => dependency.target === 'model.shop.orders'));
  });

  it('still reads 60 nested parentheses, which Jinja itself accepts', () => {
    const text = `select {{ ${'('.repeat(60)}ref('orders')${')'.repeat(60)} }}\n`;
    const outcome = checkWorkspace(workspace({ 'models/orders.sql': 'select 1 as order_id\n', 'models/fct_parens.sql': text }));
    assert.deepEqual(findingsIn(outcome, 'models/fct_parens.sql', 'jinja/syntax'), []);
    assert.deepEqual(outcome.index.node('model.shop.fct_parens')!.dependencies.map((dependency) => dependency.target), ['model.shop.orders']);
  });
});
