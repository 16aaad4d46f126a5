/**
 * Hover on a dag-factory schedule, on cursor-marked fixtures: the schedule in words, its runs per day and the next
 * three fire times from a fixed instant; invalid schedules show why; nothing outside a schedule key or value.
 */
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/navigation';
import { cursorFixture } from './cursor-fixture';

const NOW = new Date('2026-03-02T10:30:00Z');

function dagFile(scheduleLines: string): string {
  return `
    # @file dags/etl.yml
    etl_daily:
      default_args: { owner: data, start_date: 2024-01-01, retries: 2 }
${scheduleLines}
      tasks:
        extract:
          operator: airflow.providers.standard.operators.empty.EmptyOperator
  `;
}

describe('schedule hover', () => {
  const CASES: Array<{ title: string; fixture: string; markdown: string; hovered: string }> = [
    {
      title: 'a cron value',
      fixture: dagFile('      schedule: "0 4 |* * *"'),
      hovered: '"0 4 * * *"',
      markdown: ['**Schedule**: at 04:00 every day', '', 'Runs per day: 1.', '', 'Next fire times (UTC):', '- 2026-03-03 04:00', '- 2026-03-04 04:00', '- 2026-03-05 04:00'].join('\n'),
    },
    {
      title: 'the schedule key',
      fixture: dagFile('      sche|dule: "*/20 * * * *"'),
      hovered: 'schedule',
      markdown: ['**Schedule**: every 20 minutes', '', 'Runs per day: 72.', '', 'Next fire times (UTC):', '- 2026-03-02 10:40', '- 2026-03-02 11:00', '- 2026-03-02 11:20'].join('\n'),
    },
    {
      title: 'a weekly preset',
      fixture: dagFile('      schedule: "@week|ly"'),
      hovered: '"@weekly"',
      markdown: ['**Schedule**: at 00:00 on Sunday, @weekly (`0 0 * * 0`)', '', 'Runs per day: 0.143 (1 a week).', '', 'Next fire times (UTC):', '- 2026-03-08 00:00', '- 2026-03-15 00:00', '- 2026-03-22 00:00'].join('\n'),
    },
    {
      title: 'a legacy schedule_interval',
      fixture: dagFile('      schedule_interval: 0 6 * * 1-|5'),
      hovered: '0 6 * * 1-5',
      markdown: ['**Schedule**: at 06:00 on Monday to Friday', '', 'Runs per day: 0.714 (5 a week).', '', 'Next fire times (UTC):', '- 2026-03-03 06:00', '- 2026-03-04 06:00', '- 2026-03-05 06:00'].join('\n'),
    },
    {
      title: 'a timedelta',
      fixture: dagFile('      schedule:\n        __type__: datetime.time|delta\n        hours: 6'),
      hovered: '__type__: datetime.timedelta\n    hours: 6',
      markdown: ['**Schedule**: every 6 hours, counted from start_date', '', 'Runs per day: 4.', '', 'Next fire times (UTC, counted from now: Airflow counts from start_date):', '- 2026-03-02 16:30', '- 2026-03-02 22:30', '- 2026-03-03 04:30'].join('\n'),
    },
    {
      title: 'a dataset list',
      fixture: dagFile('      schedule: ["s3://bucket/|raw.json"]'),
      hovered: '["s3://bucket/raw.json"]',
      markdown: ['**Schedule**: when `s3://bucket/raw.json` is updated', '', 'Runs per day: not fixed by the schedule.'].join('\n'),
    },
    {
      title: 'an invalid cron',
      fixture: dagFile('      schedule: "0 2|4 * * *"'),
      hovered: '"0 24 * * *"',
      markdown: ['**Invalid schedule**', '', '`0 24 * * *` is not a valid cron expression: the hour field is 24, but hours run from 0 to 23.'].join('\n'),
    },
  ];
  for (const { title, fixture, markdown, hovered } of CASES) {
    it(`describes ${title}`, () => {
      const { index, file, offset, textAt } = cursorFixture(fixture);
      const found = hoverAt(index, file, offset, { now: NOW });
      assert.ok(found, 'no hover');
      assert.equal(found.markdown, markdown);
      assert.equal(textAt(file, found.span).trim(), hovered);
    });
  }

  it('shows nothing on other keys of a DAG', () => {
    const { index, file, offset } = cursorFixture(dagFile('      schedule: "@daily"\n      catch|up: false'));
    assert.equal(hoverAt(index, file, offset, { now: NOW }), undefined);
  });

  it('describes a schedule written in a defaults.yml', () => {
    const { index, file, offset } = cursorFixture(`
      # @file dags/defaults.yml
      schedule: "@hour|ly"
      # @file dags/etl.yml
      etl:
        tasks:
          t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
    `);
    assert.match(hoverAt(index, file, offset, { now: NOW })?.markdown ?? '', /^\*\*Schedule\*\*: every hour at minute 0, @hourly/);
  });
});

describe('runs per day in the hover of a model', () => {
  it('says how often the pipelines build the model a ref() names, and by which tasks', () => {
    const { index, file, offset } = cursorFixture(`
      -- @file models/stg_orders.sql
      select 1 as order_id
      -- @file models/fct_orders.sql
      {{ config(tags=['daily']) }}
      select order_id from {{ ref('stg_or|ders') }}
      # @file dags/dbt.yml
      dbt_hourly:
        default_args: { owner: data, start_date: 2024-01-01, retries: 2 }
        schedule: "0 * * * *"
        tasks:
          build_staging:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: dbt build --select stg_orders
      dbt_daily:
        default_args: { owner: data, start_date: 2024-01-01, retries: 2 }
        schedule: "@daily"
        tasks:
          build_marts:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: dbt build --select +tag:daily
    `);
    const found = hoverAt(index, file, offset, { now: NOW });
    assert.ok(found, 'no hover');
    assert.match(found.markdown, /- Runs 25 times a day: `dbt_hourly\.build_staging`, `dbt_daily\.build_marts`/);
  });
});
