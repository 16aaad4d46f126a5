/**
 * Completion of dbt node selection in dbt commands written in YAML (an Airflow or dag-factory task's
 * `bash_command`), after `--selector`, and in selectors.yml definitions written in CLI syntax.
 */
import assert from 'node:assert/strict';
import { completionsAt, type NavCompletion } from '../../../server/src/core/navigation';
import { cursorFixture, shop } from './cursor-fixture';

const PIPELINE = 'dags/pipeline.yml';

function pipeline(command: string): string {
  return ['nightly:', '  default_args:', '    owner: data', '  tasks:', '    run_marts:', '      operator: airflow.operators.bash.BashOperator', `      bash_command: ${command}`].join('\n');
}

function at(file: string, text: string, extra: Record<string, string> = {}): { items: NavCompletion[]; textAt: (item: NavCompletion) => string } {
  const f = cursorFixture(shop({ [file]: text, ...extra }));
  const items = completionsAt(f.index, f.file, f.offset);
  return { items, textAt: (item) => f.textAt(f.file, item.replace) };
}

const labels = (items: NavCompletion[]) => items.map((item) => item.label);

describe('completion: dbt selection in commands', () => {
  it('offers methods, graph operators and model names after --select', () => {
    const { items } = at(PIPELINE, pipeline('dbt run --select |'));
    const offered = labels(items);
    for (const method of ['tag:', 'path:', 'config.', 'source:', 'exposure:', 'fqn:', 'package:', 'state:', 'result:', 'test_type:', 'test_name:', 'resource_type:', 'version:', 'access:', 'group:', 'semantic_model:', 'saved_query:', 'unit_test:', 'wildcard:', 'file:']) {
      assert.ok(offered.includes(method), method);
    }
    assert.ok(offered.includes('+') && offered.includes('@'));
    assert.ok(offered.includes('stg_orders') && offered.includes('fct_orders'));
    const tag = items.find((item) => item.label === 'tag:')!;
    assert.equal(tag.kind, 'method');
    assert.equal(tag.retrigger, true);
  });

  const values: { name: string; command: string; expected: string[]; replaced?: string }[] = [
    { name: 'tags the project uses', command: 'dbt build --select tag:fi|', expected: ['finance'], replaced: 'fi' },
    { name: 'sources and their tables', command: 'dbt run -s source:|+', expected: ['raw', 'raw.orders', 'raw.customers'] },
    { name: 'state comparisons', command: 'dbt run --select state:mod|', expected: ['new', 'modified', 'modified.body', 'modified.configs', 'modified.relation', 'modified.persisted_descriptions', 'modified.macros', 'modified.contract', 'old', 'unmodified'] },
    { name: 'config values after config.<key>:', command: 'dbt run --exclude config.materialized:|', expected: ['view', 'table', 'incremental', 'ephemeral', 'materialized_view'] },
    { name: 'values in a quoted selection', command: 'dbt ls --select "resource_type:|"', expected: ['model', 'seed', 'snapshot', 'source', 'test', 'unit_test', 'analysis', 'exposure', 'metric', 'semantic_model', 'saved_query', 'function'] },
    { name: 'values after an intersection comma', command: 'dbt run --select tag:finance,access:|', expected: ['public', 'protected', 'private'] },
  ];
  for (const { name, command, expected, replaced } of values) {
    it(`offers ${name}`, () => {
      const { items, textAt } = at(PIPELINE, pipeline(command));
      assert.deepEqual(labels(items), expected);
      if (replaced !== undefined) assert.equal(textAt(items[0]), replaced);
    });
  }

  it('offers folders and files for path:', () => {
    const offered = labels(at(PIPELINE, pipeline('dbt run --select path:models/st|')).items);
    for (const path of ['models', 'models/staging', 'models/marts', 'models/staging/stg_orders.sql']) assert.ok(offered.includes(path), path);
  });

  it('offers config keys after config.', () => {
    const { items, textAt } = at(PIPELINE, pipeline('dbt run --select config.inc|'));
    assert.ok(labels(items).includes('config.incremental_strategy:'));
    assert.equal(textAt(items[0]), 'config.inc');
  });

  it('replaces the name after a graph operator', () => {
    const { items, textAt } = at(PIPELINE, pipeline('dbt run --select 2+stg_|+'));
    const orders = items.find((item) => item.label === 'stg_orders')!;
    assert.equal(textAt(orders), 'stg_');
    assert.ok(!labels(items).includes('+'));
  });

  it('reads a command continued in a folded block', () => {
    const text = ['run:', '  bash_command: >', '    dbt run', '    --select test_type:|'].join('\n');
    assert.deepEqual(labels(at(PIPELINE, text).items), ['unit', 'data', 'generic', 'singular']);
  });

  it('offers the selectors of selectors.yml after --selector', () => {
    const selectors = { 'selectors.yml': 'selectors:\n  - name: nightly\n    definition: tag:finance\n  - name: hourly\n    definition: tag:hourly\n' };
    assert.deepEqual(labels(at(PIPELINE, pipeline('dbt build --selector |'), selectors).items), ['nightly', 'hourly']);
  });

  it('offers nothing for other flags or outside a dbt command', () => {
    assert.deepEqual(at(PIPELINE, pipeline('dbt run --target |')).items, []);
    assert.deepEqual(at(PIPELINE, pipeline('dbt run --full-refresh --|')).items, []);
    assert.deepEqual(at(PIPELINE, pipeline('echo --select |')).items, []);
  });

  it('reads a selectors.yml definition written in CLI syntax', () => {
    const text = 'selectors:\n  - name: nightly\n    definition: tag:|\n';
    assert.deepEqual(labels(at('selectors.yml', text).items), ['finance']);
  });
});
