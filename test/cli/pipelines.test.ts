/**
 * `dplens pipelines` on examples/demo and on a small workspace written for the test (a dbt project and dag-factory
 * files with a defaults.yml): the command function in-process for both formats, and the argument parser.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, UsageError, type PipelinesArgs } from '../../server/src/cli/args';
import { runPipelines } from '../../server/src/cli/pipelines-command';

const REPO = path.resolve(__dirname, '..', '..');

function args(target: string, extra: string[] = []): PipelinesArgs {
  return parseCommandLine(['pipelines', target, ...extra]) as PipelinesArgs;
}

/** A dbt project in `shop/` and DAGs in `dags/`, which inherit their owner and start date from dags/defaults.yml. */
const WORKSPACE: Record<string, string> = {
  'shop/dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n",
  'shop/models/stg_orders.sql': "select * from {{ source('app', 'orders') }}\n",
  'shop/models/sources.yml': 'version: 2\nsources:\n  - name: app\n    tables:\n      - name: orders\n',
  'shop/models/fct_orders.sql': "{{ config(tags=['finance']) }}\nselect * from {{ ref('stg_orders') }}\n",
  'shop/models/dim_dates.sql': 'select current_date as date_day\n',
  'shop/seeds/country_codes.csv': 'code\nDE\n',
  'dags/defaults.yml': 'default_args:\n  owner: data\n  start_date: 2024-01-01\n  retries: 2\n',
  'dags/shop.yml': [
    'shop_hourly:',
    '  schedule: "@hourly"',
    '  tasks:',
    '    freshness:',
    '      operator: airflow.providers.standard.operators.bash.BashOperator',
    '      bash_command: cd /usr/local/airflow/dbt/shop && dbt source freshness --select source:app',
    '    build_finance:',
    '      operator: airflow.providers.standard.operators.bash.BashOperator',
    '      bash_command: "cd /usr/local/airflow/dbt/shop && dbt seed && dbt build --select +tag:finance --exclude source:app"',
    '      dependencies: [freshness]',
    '    build_changed:',
    '      operator: airflow.providers.standard.operators.bash.BashOperator',
    '      bash_command: "dbt run --project-dir /usr/local/airflow/dbt/shop -s state:modified+ dim_dates"',
    '    notify:',
    '      operator: airflow.providers.standard.operators.empty.EmptyOperator',
    '      dependencies: [build_finance]',
    'shop_weekly:',
    '  schedule:',
    '    __type__: datetime.timedelta',
    '    days: 7',
    '  tasks:',
    '    dates:',
    '      operator: cosmos.operators.local.DbtRunLocalOperator',
    '      select: ["dim_dates"]',
    '',
  ].join('\n'),
};

const EXPECTED = {
  version: 1,
  dags: [
    {
      dag: 'shop_hourly',
      file: 'dags/shop.yml',
      schedule: '@hourly',
      scheduleText: 'every hour at minute 0, @hourly (`0 * * * *`)',
      runsPerDay: 24,
      tasks: [
        { task: 'freshness', operator: 'airflow.providers.standard.operators.bash.BashOperator', dbt: ['dbt source freshness --select source:app'], selects: ['app.orders'], selectsComplete: true, runsPerDay: 24 },
        {
          task: 'build_finance',
          operator: 'airflow.providers.standard.operators.bash.BashOperator',
          dbt: ['dbt seed', 'dbt build --select +tag:finance --exclude source:app'],
          selects: ['country_codes', 'fct_orders', 'stg_orders'],
          selectsComplete: true,
          runsPerDay: 24,
        },
        { task: 'build_changed', operator: 'airflow.providers.standard.operators.bash.BashOperator', dbt: ['dbt run --project-dir /usr/local/airflow/dbt/shop -s state:modified+ dim_dates'], selects: ['dim_dates'], selectsComplete: false, runsPerDay: 24 },
        { task: 'notify', operator: 'airflow.providers.standard.operators.empty.EmptyOperator', dbt: [], selects: [], selectsComplete: true, runsPerDay: 24 },
      ],
    },
    {
      dag: 'shop_weekly',
      file: 'dags/shop.yml',
      schedule: '__type__: datetime.timedelta days: 7',
      scheduleText: 'every week, counted from start_date',
      runsPerDay: 1 / 7,
      tasks: [{ task: 'dates', operator: 'cosmos.operators.local.DbtRunLocalOperator', dbt: ['dbt run --select dim_dates'], selects: ['dim_dates'], selectsComplete: true, runsPerDay: 1 / 7 }],
    },
  ],
};

describe('dplens pipelines', function () {
  this.timeout(60000);
  let workspace: string;

  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-pipelines-'));
    for (const [file, text] of Object.entries(WORKSPACE)) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), text);
    }
  });

  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('parses its options', () => {
    assert.deepEqual(parseCommandLine(['pipelines']), { command: 'pipelines', path: '.', format: 'text', config: undefined, target: undefined });
    assert.deepEqual(parseCommandLine(['pipelines', 'x', '--format', 'json']), { command: 'pipelines', path: 'x', format: 'json', config: undefined, target: undefined });
    assert.throws(() => parseCommandLine(['pipelines', '--format', 'sarif']), UsageError);
    assert.throws(() => parseCommandLine(['pipelines', 'a', 'b']), UsageError);
  });

  it('prints the documented JSON document of the workspace', () => {
    const document = JSON.parse(runPipelines(args('.', ['--format', 'json']), workspace));
    assert.deepEqual(document, EXPECTED);
  });

  it('prints each DAG and task of the workspace as text', () => {
    const text = runPipelines(args('.'), workspace);
    assert.equal(
      text,
      [
        'shop_hourly  (dags/shop.yml)',
        '  schedule: `@hourly`: every hour at minute 0, @hourly (`0 * * * *`); 24 runs a day',
        '  - freshness  BashOperator',
        '      $ dbt source freshness --select source:app',
        '      selects 1 node: app.orders',
        '  - build_finance  BashOperator',
        '      $ dbt seed',
        '      $ dbt build --select +tag:finance --exclude source:app',
        '      selects 3 nodes: country_codes, fct_orders, stg_orders',
        '  - build_changed  BashOperator',
        '      $ dbt run --project-dir /usr/local/airflow/dbt/shop -s state:modified+ dim_dates',
        '      selects at least 1 node: dim_dates',
        '  - notify  EmptyOperator',
        '',
        'shop_weekly  (dags/shop.yml)',
        '  schedule: `__type__: datetime.timedelta days: 7`: every week, counted from start_date; 0.143 runs a day',
        '  - dates  DbtRunLocalOperator',
        '      $ dbt run --select dim_dates',
        '      selects 1 node: dim_dates',
        '',
        '2 DAGs, 5 tasks',
        '',
      ].join('\n'),
    );
  });

  it('shows the demo pipeline: every DAG, its schedule in words and the models each task selects', () => {
    const document = JSON.parse(runPipelines(args('examples/demo', ['--format', 'json']), REPO));
    assert.deepEqual(
      document.dags.map((dag: { dag: string; file: string; schedule: string; runsPerDay: number }) => [dag.dag, dag.file, dag.schedule, dag.runsPerDay]),
      [
        ['dbt_staging_hourly', 'examples/demo/pipelines/lens_outfitters_dbt.yml', '20 * * * *', 24],
        ['dbt_marts_daily', 'examples/demo/pipelines/lens_outfitters_dbt.yml', '0 4 * * *', 1],
        ['dbt_marketing_daily', 'examples/demo/pipelines/lens_outfitters_dbt.yml', '30 6 * * *', 1],
      ],
    );
    const tasks = new Map<string, { selects: string[]; dbt: string[] }>();
    for (const dag of document.dags) for (const task of dag.tasks) tasks.set(`${dag.dag}.${task.task}`, task);
    assert.deepEqual(tasks.get('dbt_marts_daily.dbt_build_finance')!.selects, ['fct_payments', 'fct_revenue_daily']);
    assert.deepEqual(tasks.get('dbt_marts_daily.dbt_build_finance')!.dbt, ['dbt build --select tag:finance --target prod']);
    assert.deepEqual(tasks.get('dbt_marketing_daily.dbt_build_marketing')!.selects, ['dim_campaigns', 'fct_marketing_spend', 'fct_web_sessions', 'int_sessions_attributed']);
    assert.deepEqual(tasks.get('dbt_staging_hourly.dbt_source_freshness')!.selects, ['shop.customers', 'shop.order_items', 'shop.orders', 'shop.payments', 'shop.products', 'web.sessions']);
    // The deliberate typo of the demo (EXPECTED.md): `tag:finanse` selects nothing.
    assert.deepEqual(tasks.get('dbt_marts_daily.dbt_test_finance')!.selects, []);
    assert.deepEqual(tasks.get('dbt_staging_hourly.dbt_deps')!.dbt, []);

    const text = runPipelines(args('examples/demo'), REPO);
    assert.match(text, /^dbt_staging_hourly {2}\(examples\/demo\/pipelines\/lens_outfitters_dbt\.yml\)$/m);
    assert.match(text, /^ {2}schedule: `0 4 \* \* \*`: at 04:00 every day; 1 run a day$/m);
    assert.match(text, /^ {6}selects 2 nodes: fct_payments, fct_revenue_daily$/m);
    assert.match(text, /\n3 DAGs, 13 tasks\n$/);
  });

  it('says so when the workspace has no DAGs', () => {
    assert.equal(runPipelines(args('test/fixtures/cost'), REPO), 'No dag-factory DAGs found.\n');
  });
});
