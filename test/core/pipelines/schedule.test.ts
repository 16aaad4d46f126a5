import { strict as assert } from 'node:assert';
import type { PipelineValue, TypedValue, ConditionValue } from '../../../server/src/core/pipelines/dag-model';
import { nextFireTimes, readSchedule, type ScheduleKind } from '../../../server/src/core/pipelines/schedule';

function typed(type: string, fields: Record<string, PipelineValue> = {}, args: PipelineValue[] = []): TypedValue {
  return { $kind: 'typed', type, args, fields };
}

function condition(operator: 'and' | 'or', operands: PipelineValue[]): ConditionValue {
  return { $kind: 'condition', operator, operands };
}

interface ValidCase {
  value: PipelineValue | undefined;
  kind: ScheduleKind;
  description: string;
  runsPerDay: number | null;
}

const PRESETS: ValidCase[] = [
  { value: '@hourly', kind: 'cron', description: 'every hour at minute 0, @hourly (`0 * * * *`)', runsPerDay: 24 },
  { value: '@daily', kind: 'cron', description: 'at 00:00 every day, @daily (`0 0 * * *`)', runsPerDay: 1 },
  { value: '@weekly', kind: 'cron', description: 'at 00:00 on Sunday, @weekly (`0 0 * * 0`)', runsPerDay: 1 / 7 },
  { value: '@monthly', kind: 'cron', description: 'at 00:00 on day 1 of the month, @monthly (`0 0 1 * *`)', runsPerDay: 12 / 365.25 },
  { value: '@quarterly', kind: 'cron', description: 'at 00:00 on day 1 of every 3rd month, @quarterly (`0 0 1 */3 *`)', runsPerDay: 4 / 365.25 },
  { value: '@yearly', kind: 'cron', description: 'at 00:00 on day 1 of January, @yearly (`0 0 1 1 *`)', runsPerDay: 1 / 365.25 },
  { value: '@annually', kind: 'cron', description: 'at 00:00 on day 1 of January, @annually (`0 0 1 1 *`)', runsPerDay: 1 / 365.25 },
  { value: '@once', kind: 'once', description: 'once, at the first run after start_date', runsPerDay: 0 },
  { value: '@continuous', kind: 'continuous', description: 'continuously: a new run starts as soon as the previous one ends', runsPerDay: null },
  { value: 'None', kind: 'none', description: 'no schedule: runs only when triggered by hand, by the API or by another DAG', runsPerDay: null },
  { value: ' none    ', kind: 'none', description: 'no schedule: runs only when triggered by hand, by the API or by another DAG', runsPerDay: null },
  { value: null, kind: 'none', description: 'no schedule: runs only when triggered by hand, by the API or by another DAG', runsPerDay: null },
  { value: undefined, kind: 'none', description: 'no schedule: runs only when triggered by hand, by the API or by another DAG', runsPerDay: null },
];

const CRONS: ValidCase[] = [
  { value: '* * * * *', kind: 'cron', description: 'every minute', runsPerDay: 1440 },
  { value: '*/5 * * * *', kind: 'cron', description: 'every 5 minutes', runsPerDay: 288 },
  { value: '20 * * * *', kind: 'cron', description: 'every hour at minute 20', runsPerDay: 24 },
  { value: '15,45 * * * *', kind: 'cron', description: 'every hour at minutes 15 and 45', runsPerDay: 48 },
  { value: '0 4 * * *', kind: 'cron', description: 'at 04:00 every day', runsPerDay: 1 },
  { value: '0 3 * * *', kind: 'cron', description: 'at 03:00 every day', runsPerDay: 1 },
  { value: '0 1,13 * * *', kind: 'cron', description: 'at 01:00 and 13:00 every day', runsPerDay: 2 },
  { value: '0 */2 * * *', kind: 'cron', description: 'every 2 hours at minute 0', runsPerDay: 12 },
  { value: '*/10 9 * * *', kind: 'cron', description: 'every 10 minutes during hour 9', runsPerDay: 6 },
  { value: '0 0 * * 1-5', kind: 'cron', description: 'at 00:00 on Monday to Friday', runsPerDay: 5 / 7 },
  { value: '0 0 * * mon,thu', kind: 'cron', description: 'at 00:00 on Monday and Thursday', runsPerDay: 2 / 7 },
  { value: '0 0 * * 7', kind: 'cron', description: 'at 00:00 on Sunday', runsPerDay: 1 / 7 },
  { value: '30 6 1 * *', kind: 'cron', description: 'at 06:30 on day 1 of the month', runsPerDay: 12 / 365.25 },
  { value: '0 0 1 jan *', kind: 'cron', description: 'at 00:00 on day 1 of January', runsPerDay: 1 / 365.25 },
  { value: '0 0 L * *', kind: 'cron', description: 'at 00:00 on the last day of the month', runsPerDay: 12 / 365.25 },
  { value: '0 0 * * mon#2', kind: 'cron', description: 'at 00:00 on the second Monday of the month', runsPerDay: 12 / 365.25 },
  { value: '0 0 * * 5L', kind: 'cron', description: 'at 00:00 on the last Friday of the month', runsPerDay: 12 / 365.25 },
  { value: '0 0 1,15 * 1', kind: 'cron', description: 'at 00:00 on days 1 and 15 of the month or on Monday', runsPerDay: 0.1992 },
  { value: '0 9-17 * * 1-5', kind: 'cron', description: 'at minute 0 past hours 9-17 on Monday to Friday', runsPerDay: 9 * 5 / 7 },
  { value: '0 0 29 2 *', kind: 'cron', description: 'at 00:00 on day 29 of February', runsPerDay: 1 / 1461 },
];

const OTHER_FORMS: ValidCase[] = [
  { value: typed('datetime.timedelta', { seconds: 30 }), kind: 'interval', description: 'every 30 seconds, counted from start_date', runsPerDay: 2880 },
  { value: typed('datetime.timedelta', { hours: 6 }), kind: 'interval', description: 'every 6 hours, counted from start_date', runsPerDay: 4 },
  { value: typed('datetime.timedelta', {}, [1]), kind: 'interval', description: 'every day, counted from start_date', runsPerDay: 1 },
  { value: typed('datetime.timedelta', { days: 7 }), kind: 'interval', description: 'every week, counted from start_date', runsPerDay: 1 / 7 },
  { value: typed('dateutil.relativedelta.relativedelta', { hour: 18 }), kind: 'interval', description: "a relativedelta (hour=18) applied to each run's date", runsPerDay: null },
  { value: typed('dateutil.relativedelta.relativedelta', { months: 1 }), kind: 'interval', description: 'every 1 month, counted from start_date', runsPerDay: 1 / 30.436875 },
  { value: ['s3://bucket/raw/a.json', 's3://bucket/raw/b.json'], kind: 'assets', description: 'when `s3://bucket/raw/a.json` and `s3://bucket/raw/b.json` are updated', runsPerDay: null },
  { value: [typed('airflow.datasets.Dataset', { uri: 's3://dag1/out.txt' })], kind: 'assets', description: 'when `s3://dag1/out.txt` is updated', runsPerDay: null },
  { value: typed('airflow.sdk.Asset', { uri: 's3://dag1/out.txt' }), kind: 'assets', description: 'when `s3://dag1/out.txt` is updated', runsPerDay: null },
  {
    value: condition('or', [condition('and', [typed('airflow.sdk.Asset', { uri: 's3://a' }), typed('airflow.sdk.Asset', { uri: 's3://b' })]), typed('airflow.sdk.Asset', { uri: 's3://c' })]),
    kind: 'assets',
    description: 'when (`s3://a` and `s3://b`) or `s3://c` are updated',
    runsPerDay: null,
  },
  { value: typed('builtins.list', { items: [typed('airflow.sdk.Asset', { uri: 's3://a' }), typed('airflow.sdk.Asset', { uri: 's3://b' })] }), kind: 'assets', description: 'when `s3://a` and `s3://b` are updated', runsPerDay: null },
  { value: typed('airflow.timetables.trigger.CronTriggerTimetable', { cron: '* * * * *', timezone: 'UTC' }), kind: 'timetable', description: 'every minute (UTC)', runsPerDay: 1440 },
  { value: typed('airflow.timetables.trigger.CronTriggerTimetable', {}, ['0 1 * * 3']), kind: 'timetable', description: 'at 01:00 on Wednesday', runsPerDay: 1 / 7 },
  { value: typed('airflow.timetables.interval.DeltaDataIntervalTimetable', {}, [typed('datetime.timedelta', { hours: 1 })]), kind: 'timetable', description: 'every hour, counted from start_date', runsPerDay: 24 },
  { value: typed('my_company.timetables.WorkdayTimetable'), kind: 'timetable', description: 'by the custom timetable `my_company.timetables.WorkdayTimetable`', runsPerDay: null },
  {
    value: { datasets: '((dataset_uri_1 & dataset_uri_2) | dataset_uri_3)', timetable: typed('airflow.timetables.trigger.CronTriggerTimetable', { cron: '0 5 * * *', timezone: 'UTC' }) },
    kind: 'assets-or-time',
    description: 'at 05:00 every day (UTC), and also when `((dataset_uri_1 & dataset_uri_2) | dataset_uri_3)` is updated',
    runsPerDay: 1,
  },
  { value: { datasets: ['s3://a'] }, kind: 'assets', description: 'when `s3://a` is updated', runsPerDay: null },
];

describe('readSchedule', () => {
  for (const [title, cases] of [['presets', PRESETS], ['cron expressions', CRONS], ['timedeltas, datasets and timetables', OTHER_FORMS]] as const) {
    describe(title, () => {
      for (const { value, kind, description, runsPerDay } of cases) {
        it(`reads ${JSON.stringify(value) ?? 'no schedule'}`, () => {
          const schedule = readSchedule(value);
          assert.deepEqual(schedule.problems, []);
          assert.equal(schedule.kind, kind);
          assert.equal(schedule.description, description);
          if (runsPerDay === null) assert.equal(schedule.runsPerDay, null);
          else assert.ok(Math.abs(schedule.runsPerDay! - runsPerDay) < 1e-3 * Math.max(1, runsPerDay), `runs per day ${schedule.runsPerDay}, expected about ${runsPerDay}`);
        });
      }
    });
  }

  const INVALID: Array<{ value: PipelineValue; message: string; path?: Array<string | number> }> = [
    { value: '@dayly', message: '`@dayly` is not an Airflow preset. Did you mean `@daily`?' },
    { value: '60 * * * *', message: '`60 * * * *` is not a valid cron expression: the minute field is 60, but minutes run from 0 to 59.' },
    { value: '0 24 * * *', message: '`0 24 * * *` is not a valid cron expression: the hour field is 24, but hours run from 0 to 23.' },
    { value: '0 0 32 * *', message: '`0 0 32 * *` is not a valid cron expression: the day-of-month field is 32, but days of the month run from 1 to 31.' },
    { value: '0 0 0 * *', message: '`0 0 0 * *` is not a valid cron expression: the day-of-month field is 0, but days of the month run from 1 to 31.' },
    { value: '0 0 * 13 *', message: '`0 0 * 13 *` is not a valid cron expression: the month field is 13, but months run from 1 to 12.' },
    { value: '0 0 * * 8', message: '`0 0 * * 8` is not a valid cron expression: the day-of-week field is 8, but days of the week run from 0 to 7.' },
    { value: '* * *', message: '`* * *` has 3 fields, but an Airflow cron schedule has 5: minute, hour, day of month, month and day of week (`0 4 * * *` is 04:00 every day).' },
    { value: '0 0 * * * *', message: '`0 0 * * * *` has 6 fields, but an Airflow cron schedule has 5: minute, hour, day of month, month and day of week (`0 4 * * *` is 04:00 every day).' },
    { value: 'daily', message: '`daily` has 1 field, but an Airflow cron schedule has 5: minute, hour, day of month, month and day of week (`0 4 * * *` is 04:00 every day).' },
    { value: '5-1 * * * *', message: '`5-1 * * * *` is not a valid cron expression: the range `5-1` in the minute field runs backwards; write it from the smaller value to the larger (`1-5`).' },
    { value: '*/0 * * * *', message: '`*/0 * * * *` is not a valid cron expression: the step `/0` in the minute field never advances; use a step of 1 or more.' },
    { value: '0 0 15W * *', message: "`0 0 15W * *` is not a valid cron expression: the day-of-month field uses `W` (nearest weekday), which Airflow's cron parser (croniter) does not support; write the days explicitly." },
    { value: '0 0 * foo *', message: '`0 0 * foo *` is not a valid cron expression: `foo` in the month field is not a number from 1 to 12 or a name (jan, feb, mar…).' },
    { value: '0 0 30 2 *', message: '`0 0 30 2 *` never fires: no date matches its day of month, month and day of week together (February has no 30th).' },
    { value: 3600, message: '`3600` is not a schedule: write a cron expression in quotes (`"0 4 * * *"`), a preset (`@daily`), a timedelta, a list of datasets or `None`.' },
    { value: typed('datetime.timedelta', { seconds: 0 }), message: 'This timedelta is zero or negative: Airflow requires a positive schedule interval (`schedule interval must be positive`). Give it at least one of days, hours, minutes or seconds.' },
    { value: typed('datetime.timedelta', { hour: 1 }), message: '`datetime.timedelta` has no argument `hour`; did you mean `hours`: its arguments are days, seconds, microseconds, milliseconds, minutes, hours, weeks.', path: ['hour'] },
    { value: typed('airflow.timetables.trigger.CronTriggerTimetable', { cron: '0 25 * * *' }), message: '`0 25 * * *` is not a valid cron expression: the hour field is 25, but hours run from 0 to 23.', path: ['cron'] },
    { value: typed('airflow.timetables.trigger.CronTriggerTimetable', {}, ['61 * * * *']), message: '`61 * * * *` is not a valid cron expression: the minute field is 61, but minutes run from 0 to 59.', path: ['__args__', 0] },
    { value: { timetable: '@daily' }, message: 'A schedule mapping needs `datasets` (with an optional `timetable` or `file`); this one has `timetable`. For a timetable, write `__type__:` with its class.' },
  ];
  describe('invalid schedules', () => {
    for (const { value, message, path } of INVALID) {
      it(`rejects ${JSON.stringify(value)}`, () => {
        const schedule = readSchedule(value);
        assert.equal(schedule.kind, 'invalid');
        assert.equal(schedule.runsPerDay, null);
        assert.deepEqual(schedule.problems, [{ message, path: path ?? [] }]);
      });
    }
  });
});

describe('nextFireTimes', () => {
  const FROM = new Date('2026-03-02T10:30:00Z'); // A Monday.
  const CASES: Array<{ value: PipelineValue; expected: string[]; timezone?: string }> = [
    { value: '20 * * * *', expected: ['2026-03-02T11:20:00.000Z', '2026-03-02T12:20:00.000Z', '2026-03-02T13:20:00.000Z'] },
    { value: '0 4 * * *', expected: ['2026-03-03T04:00:00.000Z', '2026-03-04T04:00:00.000Z', '2026-03-05T04:00:00.000Z'] },
    { value: '@weekly', expected: ['2026-03-08T00:00:00.000Z', '2026-03-15T00:00:00.000Z', '2026-03-22T00:00:00.000Z'] },
    { value: '*/5 * * * *', expected: ['2026-03-02T10:35:00.000Z', '2026-03-02T10:40:00.000Z', '2026-03-02T10:45:00.000Z'] },
    { value: '0 0 L * *', expected: ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z', '2026-05-31T00:00:00.000Z'] },
    // 04:00 in Amsterdam is 03:00 UTC in winter time.
    { value: '0 4 * * *', timezone: 'Europe/Amsterdam', expected: ['2026-03-03T03:00:00.000Z', '2026-03-04T03:00:00.000Z', '2026-03-05T03:00:00.000Z'] },
    { value: typed('airflow.timetables.trigger.CronTriggerTimetable', { cron: '0 4 * * *', timezone: 'Europe/Amsterdam' }), expected: ['2026-03-03T03:00:00.000Z', '2026-03-04T03:00:00.000Z', '2026-03-05T03:00:00.000Z'] },
    { value: typed('datetime.timedelta', { hours: 6 }), expected: ['2026-03-02T16:30:00.000Z', '2026-03-02T22:30:00.000Z', '2026-03-03T04:30:00.000Z'] },
    { value: ['s3://a'], expected: [] },
    { value: 'None', expected: [] },
    { value: '@once', expected: [] },
  ];
  for (const { value, expected, timezone } of CASES) {
    it(`gives the next three fire times of ${JSON.stringify(value)}${timezone ? ` in ${timezone}` : ''}`, () => {
      const times = nextFireTimes(readSchedule(value), FROM, 3, timezone);
      assert.deepEqual(times.map((time) => time.toISOString()), expected);
    });
  }
});
