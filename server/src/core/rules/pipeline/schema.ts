import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/schema',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory file is not valid YAML, cannot be loaded (a list task without `task_id`, a bad `__type__`), or has a value of the wrong type for its key (a start date dag-factory cannot read, `retries: "two"`).',
  docs: {
    why: 'dag-factory ships no schema and fails only when Airflow parses the DAG folder: a DAG with a wrong value disappears from the Airflow UI with an import error in the scheduler log, and nobody notices until a run is missing. The schema written for Data Platform Lens checks the keys dag-factory and Airflow read (DAG settings, `default_args`, tasks, task groups, callbacks, schedules) after expanding environment variables and casting `__type__` values, as dag-factory does; keys it does not know are passed to Airflow and left alone.',
    fix: 'Correct the key or value the message names; it says what dag-factory expects there.',
    references: ['https://astronomer.github.io/dag-factory/latest/', 'https://github.com/astronomer/dag-factory'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        default_args:
          owner: analytics
          start_date: "205-01-01-01"  # expect: pipeline/schema
        schedule: "0 4 * * *"
        tasks:
          - task_id: build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
      `,
      `
      # @file pipelines/orders.yml
      orders_daily:
        catchup: "no thanks"  # expect: pipeline/schema
        tasks:
          - task_id: build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        default_args:
          owner: analytics
          start_date: "2025-01-01"
          retry_delay:
            __type__: datetime.timedelta
            minutes: 5
        catchup: false
        schedule: "0 4 * * *"
        tasks:
          - task_id: build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    // Syntax and loading errors are reported here: no other rule covers dag-factory files, and the schema is checked only without them.
    for (const error of ctx.file.errors) {
      ctx.report({ file: ctx.file.path, span: error.span, message: `${error.message.replace(/\.$/, '')}. dag-factory cannot load this file, so none of its DAGs reach Airflow; fix this first.` });
    }
    for (const problem of ctx.file.schemaProblems) ctx.report({ file: ctx.file.path, span: problem.span, message: problem.message });
  },
});
