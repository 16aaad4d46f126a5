/**
 * pipeline/unknown-dbt-selection: each criterion of a task's dbt command that matches no node, an unknown selection
 * method and an unknown `--selector`, located inside the command string, with "did you mean" from the project's tags,
 * names, paths, sources, packages, selectors and materializations; criteria that need dbt's state are never reported.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';
import type { Finding } from '../../../server/src/core/findings';

const RULE = 'pipeline/unknown-dbt-selection';

/** A small dbt project: two models (one tagged), a seed, a source, and a selector. */
const PROJECT = `
  # @file models/staging/stg_orders.sql
  select * from {{ source('shop', 'orders') }}
  # @file models/staging/_sources.yml
  version: 2
  sources:
    - name: shop
      tables:
        - name: orders
  # @file models/marts/fct_orders.sql
  {{ config(tags=['finance'], materialized='table') }}
  select * from {{ ref('stg_orders') }}
  # @file seeds/country_codes.csv
  code
  # @file selectors.yml
  selectors:
    - name: nightly_finance
      definition: "tag:finance"
`;

const BASH = 'airflow.providers.standard.operators.bash.BashOperator';

/** The project plus a DAG file whose task runs `operator` and writes `taskLines` (indented under the task). */
function fixture(taskLines: string, operator = BASH): string {
  return `${PROJECT}
  # @file dags/shop.yml
  shop_daily:
    default_args:
      owner: data
      start_date: 2024-01-01
      retries: 2
    schedule: "@daily"
    tasks:
      dbt_task:
        operator: ${operator}
${taskLines}
`;
}

interface Case {
  title: string;
  taskLines: string;
  /** The text each finding underlines and a pattern of its message, in order; empty for none. */
  expected: { highlighted: string; message: RegExp }[];
  operator?: string;
}

const CASES: Case[] = [
  {
    title: 'a misspelt tag, with the closest tag',
    taskLines: '        bash_command: "dbt build --select tag:finanse"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'tag:finanse', message: /^`tag:finanse` in `dbt build` of the task `shop_daily\.dbt_task` selects no node of the dbt project `fixture`: dbt only warns, so the task succeeds .* Did you mean `tag:finance`\?$/ }],
  },
  {
    title: 'a misspelt model name keeps its graph operators in the suggestion',
    taskLines: "        bash_command: 'dbt run -s +fct_ordrs+'  # expect: pipeline/unknown-dbt-selection",
    expected: [{ highlighted: '+fct_ordrs+', message: /Did you mean `\+fct_orders\+`\?/ }],
  },
  {
    title: 'a plain scalar: the criterion is located at its offset',
    taskLines: '        bash_command: cd /opt/dbt && dbt build --select stg_orders path:models/stagin --target prod  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'path:models/stagin', message: /Did you mean `path:models\/staging`\?/ }],
  },
  {
    title: 'an exclusion that matches nothing',
    taskLines: '        bash_command: "dbt build --exclude stg_ordrs"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'stg_ordrs', message: /excludes no node .*: the task runs what it was meant to leave out\. Did you mean `stg_orders`\?/ }],
  },
  {
    title: 'each empty criterion of an intersection and a union',
    taskLines: '        bash_command: "dbt build --select tag:finance,config.materialized:tabel source:shop.ordres"  # expect: pipeline/unknown-dbt-selection, pipeline/unknown-dbt-selection',
    expected: [
      { highlighted: 'config.materialized:tabel', message: /Did you mean `config\.materialized:table`\?/ },
      { highlighted: 'source:shop.ordres', message: /Did you mean `source:shop\.orders`\?/ },
    ],
  },
  {
    title: 'an unknown selection method, which dbt rejects',
    taskLines: '        bash_command: "dbt build --select tags:finance"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'tags:finance', message: /uses `tags:`, which is no selection method of dbt: dbt stops with an error .* Did you mean `tag:finance`\?/ }],
  },
  {
    title: 'an unknown --selector, with the closest selector',
    taskLines: '        bash_command: "dbt build --selector nightly_finanse"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'nightly_finanse', message: /^`--selector nightly_finanse` .* names no selector: .* Did you mean `nightly_finance`\?$/ }],
  },
  {
    title: 'an unknown selector: method inside --select',
    taskLines: '        bash_command: "dbt build --select selector:nightly_financ"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'selector:nightly_financ', message: /Did you mean `selector:nightly_finance`\?/ }],
  },
  {
    title: 'a misspelt package name',
    taskLines: '        bash_command: "dbt build --select package:fixtur"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'package:fixtur', message: /Did you mean `package:fixture`\?/ }],
  },
  {
    title: 'a glob that matches nothing is reported without a suggestion',
    taskLines: '        bash_command: "dbt build --select int_*"  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: 'int_*', message: /Correct the criterion, or remove it if what it named is gone\.$/ }],
  },
  {
    title: 'escapes in a double-quoted value: the whole value',
    taskLines: '        bash_command: "dbt build --select \\"tag:finanse\\""  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: '"dbt build --select \\"tag:finanse\\""', message: /Did you mean `tag:finance`\?/ }],
  },
  {
    title: 'shell quoting inside the command: the criterion without its quotes',
    taskLines: `        bash_command: "dbt build --select 'tag:finanse'"  # expect: pipeline/unknown-dbt-selection`,
    expected: [{ highlighted: 'tag:finanse', message: /Did you mean `tag:finance`\?/ }],
  },
  {
    title: 'a block scalar: from the indicator, on the whole value',
    taskLines: '        bash_command: |  # expect: pipeline/unknown-dbt-selection\n          cd /opt/dbt\n          dbt seed --select country_code',
    expected: [{ highlighted: '|  # expect: pipeline/unknown-dbt-selection', message: /`country_code` in `dbt seed` .* Did you mean `country_codes`\?/ }],
  },
  {
    title: 'a Cosmos operator: the whole select list',
    operator: 'cosmos.operators.local.DbtRunLocalOperator',
    taskLines: '        select: ["tag:finanse"]  # expect: pipeline/unknown-dbt-selection',
    expected: [{ highlighted: '["tag:finanse"]', message: /in the Cosmos selection of the task .* Did you mean `tag:finance`\?/ }],
  },
  {
    title: 'criteria that match nodes',
    taskLines: '        bash_command: "dbt build --select +fct_orders tag:finance path:models/staging source:shop config.materialized:table --exclude country_codes && dbt seed -s country_codes"',
    expected: [],
  },
  {
    title: 'criteria that need dbt state or resources the index does not model',
    taskLines: '        bash_command: "dbt build --select state:modified+ result:error+ source_status:fresher+ test_type:generic metric:revenue"',
    expected: [],
  },
  {
    title: 'a known selector',
    taskLines: '        bash_command: "dbt build --selector nightly_finance"',
    expected: [],
  },
  {
    title: 'a task that runs no dbt',
    taskLines: '        bash_command: "echo tag:finanse"',
    expected: [],
  },
];

describe(RULE, () => {
  for (const { title, taskLines, expected, operator } of CASES) {
    it(title, () => {
      const source = fixture(taskLines, operator);
      const all = assertFixture(source, { onlyRules: [RULE] });
      // The fixture itself must be sound: no error of any rule (a broken YAML or ref would prove nothing).
      assert.deepEqual(all.filter((finding) => finding.severity === 'error').map((finding) => finding.message), []);
      const findings = all.filter((finding) => finding.rule === RULE);
      const text = fileText(source, 'dags/shop.yml');
      assert.deepEqual(
        findings.map((finding) => highlighted(text, finding)),
        expected.map((entry) => entry.highlighted),
      );
      findings.forEach((finding, i) => assert.match(finding.message, expected[i].message));
    });
  }

  it('resolves against the project the command runs in, in a workspace of two projects', () => {
    const source = `
      # @file shop/dbt_project.yml
      name: shop
      version: '1.0.0'
      profile: shop
      # @file shop/models/fct_orders.sql
      {{ config(tags=['finance']) }}
      select 1 as id
      # @file web/dbt_project.yml
      name: web
      version: '1.0.0'
      profile: web
      # @file web/models/fct_sessions.sql
      {{ config(tags=['marketing']) }}
      select 1 as id
      # @file dags/both.yml
      both_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "@daily"
        tasks:
          shop:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "cd /usr/local/airflow/dbt/shop && dbt build --select tag:finance"
          web:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --project-dir /usr/local/airflow/dbt/web --select tag:finance"  # expect: pipeline/unknown-dbt-selection
    `;
    const findings = assertFixture(source, { onlyRules: [RULE] });
    assert.match(findings.find((finding) => finding.rule === RULE)!.message, /of the dbt project `web`/);
  });

  it("reports a task of the file's default: block once, where it is written", () => {
    const source = `${PROJECT}
      # @file dags/shop.yml
      default:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        tasks:
          dbt_task:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select tag:finanse"  # expect: pipeline/unknown-dbt-selection
      shop_daily:
        schedule: "@daily"
        tasks:
          dbt_task:
            retries: 1
      shop_hourly:
        schedule: "@hourly"
        tasks:
          dbt_task:
            retries: 1
    `;
    assertFixture(source, { onlyRules: [RULE] });
  });
});

function fileText(source: string, path: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.trim() === `# @file ${path}`);
  const body = lines.slice(start + 1);
  const end = body.findIndex((line) => /^\s*(?:#|--)\s*@file\s/.test(line));
  const kept = end < 0 ? body : body.slice(0, end);
  while (kept.length > 0 && kept[0].trim() === '') kept.shift();
  const indent = Math.min(...kept.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return kept.map((line) => line.slice(indent)).join('\n');
}

/** The text a finding underlines, on its first line. */
function highlighted(text: string, finding: Finding): string {
  const lines = text.split('\n');
  const { start, end } = finding.range;
  const line = lines[start.line];
  return line.slice(start.character, end.line === start.line ? end.character : undefined);
}
