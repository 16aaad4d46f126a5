/**
 * The dbt nodes a dag-factory task runs: a BashOperator's `bash_command`, Cosmos `select`/`exclude` and
 * `render_config`, and the dbt Cloud operator, which runs a job whose selection is not in the file.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import type { LocatedValue, PipelineValue, TaskModel } from '../../../server/src/core/pipelines/dag-model';
import { selectedNodes } from '../../../server/src/core/selection/task-selection';

const { index } = checkWorkspace(
  parseFixture(`
    # @file shop/dbt_project.yml
    name: shop
    version: '1.0.0'
    profile: shop
    # @file shop/models/stg_orders.sql
    select 1 as id
    # @file shop/models/fct_orders.sql
    {{ config(tags=['finance']) }}
    select * from {{ ref('stg_orders') }}
    # @file shop/seeds/codes.csv
    code
  `, { defaults: false }).files,
);

const span = { start: 0, end: 0 };
function located(value: PipelineValue): LocatedValue {
  return { value, origin: { file: 'dags/shop.yml', path: [], valueSpan: span } };
}
function task(operator: string, keys: Record<string, PipelineValue>): TaskModel {
  return { id: 't', idSpan: span, span, operator: located(operator) as LocatedValue<string>, keys: Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, located(value)])), dependencies: [] };
}

const CASES: { title: string; task: TaskModel; expected: string[] | undefined }[] = [
  { title: 'a bash_command with a selection', task: task('airflow.operators.bash.BashOperator', { bash_command: 'cd /opt/shop && dbt run --select +tag:finance' }), expected: ['model.shop.fct_orders', 'model.shop.stg_orders'] },
  { title: 'a bash_command of several dbt commands', task: task('airflow.operators.bash.BashOperator', { bash_command: 'dbt seed && dbt run -s stg_orders' }), expected: ['model.shop.stg_orders', 'seed.shop.codes'] },
  { title: 'a bash_command that runs no dbt', task: task('airflow.operators.bash.BashOperator', { bash_command: 'echo done' }), expected: undefined },
  { title: 'a state: selection cannot be resolved offline', task: task('airflow.operators.bash.BashOperator', { bash_command: 'dbt run -s state:modified+' }), expected: undefined },
  { title: 'a Cosmos operator with select and exclude', task: task('cosmos.operators.local.DbtRunLocalOperator', { select: ['path:models'], exclude: ['stg_orders'] }), expected: ['model.shop.fct_orders'] },
  { title: 'a Cosmos task group with render_config', task: task('cosmos.DbtTaskGroup', { render_config: { select: ['tag:finance'] } }), expected: ['model.shop.fct_orders'] },
  { title: 'the dbt Cloud operator', task: task('airflow.providers.dbt.cloud.operators.dbt.DbtCloudRunJobOperator', { job_id: 42 }), expected: undefined },
];

describe('selectedNodes of a task', () => {
  for (const { title, task: model, expected } of CASES) {
    it(title, () => {
      const nodes = selectedNodes(index, model);
      assert.deepEqual(nodes && [...nodes].sort(), expected);
    });
  }
});
