import { airflowVersionOf } from '../../pipelines/airflow-version';
import type { LocatedKeys } from '../../pipelines/dag-model';
import type { Span } from '../../text';
import { defineRule, type FileRuleContext } from '../rule';

/** dag-factory 0.x's second-count keys and what dag-factory 1.x reads instead (a `__type__: datetime.timedelta` value). */
const SECONDS_KEYS: Record<string, string> = {
  dagrun_timeout_sec: 'dagrun_timeout',
  retry_delay_sec: 'retry_delay',
  sla_secs: 'sla',
  execution_timeout_secs: 'execution_timeout',
  execution_delta_secs: 'execution_delta',
  sla_miss_callback_secs: 'sla_miss_callback',
};

/** dag-factory 0.x's custom YAML tags for dataset conditions, as a tag on a value (`!and [...]`). */
const CONDITION_TAG = /(^|[\s:[{,-])!(and|or|join)(?=[\s[{]|$)/gm;

export default defineRule({
  id: 'pipeline/legacy-key',
  severity: 'warning',
  scope: 'file',
  description: 'A dag-factory file uses a form dag-factory 1.x no longer reads: a seconds key (`dagrun_timeout_sec`, `retry_delay_sec`, `sla_secs`...) or the `!and` / `!or` / `!join` YAML tags. An error under Airflow 3 (which only dag-factory 1.x supports), else a warning.',
  docs: {
    why: 'dag-factory 1.0 removed the `*_sec`/`*_secs` keys in favour of typed values (`retry_delay: {__type__: datetime.timedelta, seconds: 300}`) and the `!and`/`!or`/`!join` tags in favour of `__and__`/`__or__`/`__join__`. With dag-factory 1.x a seconds key is passed to Airflow as an unknown argument or ignored, so the timeout or retry delay silently stops applying, and a custom tag stops the file from loading. Airflow 3 needs dag-factory 1.x, so there these are errors; under Airflow 2 an older dag-factory may still read them, so they are warnings to migrate.',
    fix: 'Replace `retry_delay_sec: 300` by `retry_delay: {__type__: datetime.timedelta, seconds: 300}` (likewise for the other keys), and `!and [...]` by `__and__: [...]`.',
    references: ['https://astronomer.github.io/dag-factory/latest/migration_guide/', 'https://astronomer.github.io/dag-factory/latest/configuration/custom_python_object/'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        default_args:
          owner: analytics
          retry_delay_sec: 300  # expect: pipeline/legacy-key
        tasks:
          - task_id: dbt_build
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
          retry_delay:
            __type__: datetime.timedelta
            seconds: 300
        tasks:
          - task_id: dbt_build
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
    const model = ctx.file.pipeline;
    const found: { span: Span; what: string; instead: string }[] = [];
    const scan = (keys: LocatedKeys) => {
      for (const [key, entry] of Object.entries(keys)) {
        const instead = SECONDS_KEYS[key];
        if (instead && entry.origin.keySpan) found.push({ span: entry.origin.keySpan, what: `\`${key}\``, instead: `\`${instead}\` with a \`__type__: datetime.timedelta\` value` });
      }
    };
    scan(model.defaults);
    scan(model.defaultArgs);
    for (const dag of model.dags) {
      scan(dag.keys);
      scan(dag.defaultArgs);
      for (const task of dag.tasks) scan(task.keys);
    }
    const text = ctx.index.text(ctx.file.path) ?? '';
    if (text.includes('!')) {
      for (const match of text.matchAll(CONDITION_TAG)) {
        const start = match.index! + match[1].length;
        if (insideCommentOrQuote(text, start)) continue;
        found.push({ span: { start, end: start + match[2].length + 1 }, what: `the \`!${match[2]}\` tag`, instead: `\`__${match[2]}__: [...]\`` });
      }
    }
    if (found.length === 0) return;
    const verdict = airflowVersionOf(ctx.index, ctx.file.path);
    const rejected = verdict.version === 3;
    for (const item of found.sort((a, b) => a.span.start - b.span.start)) {
      ctx.report({
        file: ctx.file.path,
        span: item.span,
        severity: rejected ? 'error' : 'warning',
        message: rejected
          ? `${item.what} is no longer read by dag-factory 1.x, the only version that runs on ${verdict.reason}: the setting silently stops applying, or the file stops loading. Write ${item.instead}.`
          : `${item.what} is a dag-factory 0.x form that dag-factory 1.x no longer reads (the project runs ${verdict.reason}): it stops applying once dag-factory is upgraded. Write ${item.instead}.`,
      });
    }
  },
});

/** Whether an offset sits after a `#` comment start or inside a quoted string on its line (a rough, line-local test). */
function insideCommentOrQuote(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quote: string | undefined;
  for (let i = lineStart; i < offset; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === lineStart || /\s/.test(text[i - 1]))) return true;
  }
  return quote !== undefined;
}
