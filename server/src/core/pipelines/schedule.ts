/**
 * A dag-factory `schedule` value as Airflow reads it: what kind of schedule it is, whether Airflow accepts it, when
 * it fires in words, how many runs a day it makes, and its next fire times.
 *
 * dag-factory hands the loaded value to `DAG(schedule=...)` (or, for `schedule_interval`, to the legacy argument):
 * a string is a cron expression or a preset (`@daily`), `None` (any case, as dag-factory compares it) means no
 * schedule, a `datetime.timedelta` or `dateutil.relativedelta` is an interval, a list or an `__and__`/`__or__`
 * condition of datasets or assets triggers on data, a `...Timetable` class is a timetable, and a mapping with
 * `datasets` (plus an optional `timetable`) is dag-factory's own dataset form. Pure: no IO, never throws.
 */
import {
  isConditionValue,
  isPipelineMapping,
  isTypedValue,
  type PipelinePathSegment,
  type PipelineValue,
  type TypedValue,
} from './dag-model';
import { cronNextFireTimes, cronRunsPerDay, describeCron, parseCron } from './schedule-cron';
import { closestName } from '../rules/suggest';

export type ScheduleKind =
  | 'none'
  | 'once'
  | 'continuous'
  | 'cron'
  | 'interval'
  | 'assets'
  | 'assets-or-time'
  | 'timetable'
  | 'invalid';

/** Why a schedule value is not one Airflow accepts, at a path relative to the schedule value (`[]` is the value itself). */
export interface ScheduleProblem {
  message: string;
  path: PipelinePathSegment[];
}

export interface Schedule {
  kind: ScheduleKind;
  /** When it fires, in words: "every hour at minute 20", "at 04:00 every day", "every 5 minutes". */
  description: string;
  /**
   * Runs per day: fractional for weekly and monthly schedules, 0 for none-after-the-first (`@once`), null when the
   * runs depend on something outside the schedule (datasets, manual triggers, `@continuous`, custom timetables).
   */
  runsPerDay: number | null;
  /** The cron expression that decides the fire times, for cron strings, presets and cron timetables. */
  cron?: string;
  /** The time zone a timetable names (`timezone: Europe/Amsterdam`); Airflow's default is UTC. */
  timezone?: string;
  /** The interval in seconds, for timedelta schedules and delta timetables. */
  intervalSeconds?: number;
  /** Empty when Airflow accepts the value. */
  problems: ScheduleProblem[];
}

/** Airflow's cron presets (airflow.utils.dates.cron_presets / airflow.timetables._cron). */
export const CRON_PRESETS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@quarterly': '0 0 1 */3 *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

const OTHER_PRESETS = ['@once', '@continuous'];

const NO_SCHEDULE: Schedule = {
  kind: 'none',
  description: 'no schedule: runs only when triggered by hand, by the API or by another DAG',
  runsPerDay: null,
  problems: [],
};

/** Reads a schedule value as loaded by dag-factory; `undefined` (no key) and `None` mean no schedule. */
export function readSchedule(value: PipelineValue | undefined): Schedule {
  if (value === undefined || value === null) return NO_SCHEDULE;
  if (typeof value === 'string') return readScheduleString(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return invalid(`\`${String(value)}\` is not a schedule: write a cron expression in quotes (\`"0 4 * * *"\`), a preset (\`@daily\`), a timedelta, a list of datasets or \`None\`.`);
  }
  if (Array.isArray(value)) return readAssets(value);
  if (isConditionValue(value)) return readAssets(value);
  if (isTypedValue(value)) return readTyped(value);
  if (isPipelineMapping(value)) return readDatasetMapping(value);
  return invalid('This value is not a schedule.');
}

/** Reads a schedule string: `None`, a preset, or a cron expression. */
export function readScheduleString(raw: string): Schedule {
  const text = raw.trim();
  // dag-factory strips and lower-cases the string before comparing it with "none".
  if (text.toLowerCase() === 'none' || text === '') return NO_SCHEDULE;
  if (text.startsWith('@')) {
    const preset = text.toLowerCase();
    if (preset === '@once') return { kind: 'once', description: 'once, at the first run after start_date', runsPerDay: 0, problems: [] };
    if (preset === '@continuous') {
      return { kind: 'continuous', description: 'continuously: a new run starts as soon as the previous one ends', runsPerDay: null, problems: [] };
    }
    const cron = CRON_PRESETS[preset];
    if (cron === undefined) {
      const suggestion = closestName(preset, [...Object.keys(CRON_PRESETS), ...OTHER_PRESETS]);
      const hint = suggestion ? `Did you mean \`${suggestion}\`?` : `The presets are ${[...Object.keys(CRON_PRESETS), ...OTHER_PRESETS].map((p) => `\`${p}\``).join(', ')}.`;
      return invalid(`\`${text}\` is not an Airflow preset. ${hint}`);
    }
    return fromCron(cron, `${text} (\`${cron}\`)`);
  }
  return fromCron(text);
}

function fromCron(expression: string, label?: string, path: PipelinePathSegment[] = [], timezone?: string): Schedule {
  const result = parseCron(expression);
  if (!result.ok) return invalid(result.message, path);
  const words = describeCron(result.cron);
  return {
    kind: 'cron',
    description: label ? `${words}, ${label}` : words,
    runsPerDay: cronRunsPerDay(result.cron),
    cron: result.cron.expression,
    ...(timezone ? { timezone } : {}),
    problems: [],
  };
}

function invalid(message: string, path: PipelinePathSegment[] = []): Schedule {
  return { kind: 'invalid', description: 'an invalid schedule', runsPerDay: null, problems: [{ message, path }] };
}

/** The class name at the end of a dotted import path: `airflow.timetables.trigger.CronTriggerTimetable` → `CronTriggerTimetable`. */
function className(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

function readTyped(value: TypedValue): Schedule {
  const name = className(value.type);
  if (value.type === 'datetime.timedelta' || name === 'timedelta') return readTimedelta(value);
  if (name === 'relativedelta') return readRelativedelta(value);
  if (name === 'Dataset' || name === 'Asset' || name === 'AssetAlias' || name === 'DatasetAlias' || name === 'list') return readAssets(value);
  if (name.endsWith('Timetable') || name === 'AssetOrTimeSchedule' || name === 'DatasetOrTimeSchedule') return readTimetable(value, name);
  return invalid(`\`${value.type}\` is not a schedule type Airflow knows: use a cron string, \`datetime.timedelta\`, a dataset or asset, or a timetable class.`);
}

/** `datetime.timedelta`'s positional parameters, in order. */
const TIMEDELTA_PARAMETERS = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
const SECONDS_PER_UNIT: Record<string, number> = { days: 86_400, seconds: 1, microseconds: 1e-6, milliseconds: 1e-3, minutes: 60, hours: 3_600, weeks: 604_800 };

function readTimedelta(value: TypedValue): Schedule {
  let seconds = 0;
  const amounts: Array<[string, unknown, PipelinePathSegment[]]> = [
    ...value.args.map((arg, i): [string, unknown, PipelinePathSegment[]] => [TIMEDELTA_PARAMETERS[i] ?? `argument ${i + 1}`, arg, ['__args__', i]]),
    ...Object.entries(value.fields).map(([key, arg]): [string, unknown, PipelinePathSegment[]] => [key, arg, [key]]),
  ];
  for (const [unit, amount, path] of amounts) {
    const factor = SECONDS_PER_UNIT[unit];
    if (factor === undefined) {
      const suggestion = closestName(unit, TIMEDELTA_PARAMETERS);
      return invalid(`\`datetime.timedelta\` has no argument \`${unit}\`${suggestion ? `; did you mean \`${suggestion}\`` : ''}: its arguments are ${TIMEDELTA_PARAMETERS.join(', ')}.`, path);
    }
    if (typeof amount !== 'number') return invalid(`The timedelta's \`${unit}\` must be a number, not \`${JSON.stringify(amount)}\`.`, path);
    seconds += amount * factor;
  }
  if (seconds <= 0) {
    return invalid('This timedelta is zero or negative: Airflow requires a positive schedule interval (`schedule interval must be positive`). Give it at least one of days, hours, minutes or seconds.');
  }
  return { kind: 'interval', description: `every ${durationWords(seconds)}, counted from start_date`, runsPerDay: 86_400 / seconds, intervalSeconds: seconds, problems: [] };
}

/** A relativedelta's relative (plural) arguments and their length in days, months averaged over a leap cycle. */
const RELATIVE_DAYS: Record<string, number> = { years: 365.2425, months: 30.436875, weeks: 7, days: 1, hours: 1 / 24, minutes: 1 / 1440, seconds: 1 / 86_400, microseconds: 1 / 86_400e6 };

function readRelativedelta(value: TypedValue): Schedule {
  let days = 0;
  const absolute: string[] = [];
  for (const [key, amount] of Object.entries(value.fields)) {
    if (typeof amount !== 'number') continue;
    if (RELATIVE_DAYS[key] !== undefined) days += amount * RELATIVE_DAYS[key];
    else absolute.push(`${key}=${amount}`);
  }
  if (days > 0) {
    return { kind: 'interval', description: `every ${relativeWords(value)}, counted from start_date`, runsPerDay: 1 / days, problems: [] };
  }
  const setting = absolute.length > 0 ? ` (${absolute.join(', ')})` : '';
  return { kind: 'interval', description: `a relativedelta${setting} applied to each run's date`, runsPerDay: null, problems: [] };
}

function relativeWords(value: TypedValue): string {
  return Object.entries(value.fields)
    .filter(([key, amount]) => typeof amount === 'number' && RELATIVE_DAYS[key] !== undefined)
    .map(([key, amount]) => `${amount} ${amount === 1 ? key.slice(0, -1) : key}`)
    .join(' and ');
}

function durationWords(totalSeconds: number): string {
  const units: Array<[string, number]> = [['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  for (const [unit, size] of units) {
    if (totalSeconds >= size && Number.isInteger(totalSeconds / size)) {
      const count = totalSeconds / size;
      return count === 1 ? unit : `${count} ${unit}s`;
    }
  }
  return `${totalSeconds} seconds`;
}

function readTimetable(value: TypedValue, name: string): Schedule {
  const timezone = typeof value.fields.timezone === 'string' ? value.fields.timezone : undefined;
  if (name === 'CronTriggerTimetable' || name === 'CronDataIntervalTimetable' || name === 'CronPartitionTimetable') {
    const fromArgs = value.args[0];
    const cron = fromArgs !== undefined ? fromArgs : value.fields.cron;
    const path: PipelinePathSegment[] = fromArgs !== undefined ? ['__args__', 0] : ['cron'];
    if (typeof cron !== 'string') return invalid(`\`${name}\` needs a cron expression, as its first argument or as \`cron:\`.`);
    const schedule = fromCron(cron, undefined, path, timezone);
    return schedule.kind === 'cron' ? { ...schedule, kind: 'timetable', description: `${schedule.description}${timezone ? ` (${timezone})` : ''}` } : schedule;
  }
  if (name === 'MultipleCronTriggerTimetable') {
    const crons = value.args.filter((arg): arg is string => typeof arg === 'string');
    const parts = crons.map((cron, i) => fromCron(cron, undefined, ['__args__', i], timezone));
    const problems = parts.flatMap((part) => part.problems);
    if (problems.length > 0) return { ...invalid(''), problems };
    const runs = parts.reduce((sum, part) => sum + (part.runsPerDay ?? 0), 0);
    return { kind: 'timetable', description: parts.map((part) => part.description).join('; and '), runsPerDay: runs, problems: [] };
  }
  if (name === 'DeltaDataIntervalTimetable' || name === 'DeltaTriggerTimetable') {
    const delta = value.args[0] ?? value.fields.delta;
    if (isTypedValue(delta)) {
      const inner = readTyped(delta);
      return inner.problems.length > 0 ? { ...inner, problems: inner.problems.map((p) => ({ ...p, path: [value.args[0] !== undefined ? '__args__' : 'delta', ...(value.args[0] !== undefined ? [0] : []), ...p.path] })) } : { ...inner, kind: 'timetable' };
    }
    return { kind: 'timetable', description: `a ${name}`, runsPerDay: null, problems: [] };
  }
  if (name === 'NullTimetable') return NO_SCHEDULE;
  if (name === 'OnceTimetable') return readScheduleString('@once');
  if (name === 'ContinuousTimetable') return readScheduleString('@continuous');
  if (name === 'AssetOrTimeSchedule' || name === 'DatasetOrTimeSchedule') {
    const timetable = value.fields.timetable;
    const assets = value.fields.assets ?? value.fields.datasets;
    return combineAssetsAndTime(assets, timetable);
  }
  return { kind: 'timetable', description: `by the custom timetable \`${value.type}\``, runsPerDay: null, problems: [] };
}

/** dag-factory's mapping form: `datasets:` (a list, a condition string or a `file:`), optionally with a `timetable:`. */
function readDatasetMapping(value: Record<string, PipelineValue>): Schedule {
  const keys = Object.keys(value);
  if (!('datasets' in value) && !('assets' in value)) {
    return invalid(`A schedule mapping needs \`datasets\` (with an optional \`timetable\` or \`file\`); this one has ${keys.map((k) => `\`${k}\``).join(', ') || 'no keys'}. For a timetable, write \`__type__:\` with its class.`);
  }
  return combineAssetsAndTime(value.datasets ?? value.assets, value.timetable);
}

function combineAssetsAndTime(assets: PipelineValue | undefined, timetable: PipelineValue | undefined): Schedule {
  const data = assets === undefined ? undefined : readAssets(assets);
  if (timetable === undefined || timetable === null) return data ?? { kind: 'assets', description: 'when its datasets are updated', runsPerDay: null, problems: [] };
  const time = readSchedule(timetable);
  if (time.problems.length > 0) return { ...time, problems: time.problems.map((p) => ({ ...p, path: ['timetable', ...p.path] })) };
  return {
    ...time,
    kind: 'assets-or-time',
    description: `${time.description}, and also ${data?.description ?? 'when its datasets are updated'}`,
    // The timetable's runs are a floor: dataset events add runs the schedule cannot count.
    runsPerDay: time.runsPerDay,
  };
}

/** Reads a dataset/asset schedule: a list, a `builtins.list`, one asset, an `__and__`/`__or__` condition, or a condition string. */
function readAssets(value: PipelineValue): Schedule {
  return { kind: 'assets', description: `when ${assetWords(value)} ${isSingleAsset(value) ? 'is' : 'are'} updated`, runsPerDay: null, problems: [] };
}

function isSingleAsset(value: PipelineValue): boolean {
  if (Array.isArray(value)) return value.length === 1 && isSingleAsset(value[0]);
  return typeof value === 'string' || (isTypedValue(value) && className(value.type) !== 'list');
}

function assetWords(value: PipelineValue): string {
  if (typeof value === 'string') return `\`${value}\``;
  if (Array.isArray(value)) return listAssets(value, 'and');
  if (isConditionValue(value)) return `(${listAssets(value.operands, value.operator === 'or' ? 'or' : 'and')})`.replace(/^\((.*)\)$/, '$1');
  if (isTypedValue(value)) {
    if (className(value.type) === 'list') return listAssets(Array.isArray(value.fields.items) ? value.fields.items : value.args, 'and');
    const uri = value.fields.uri ?? value.fields.name ?? value.args[0];
    return typeof uri === 'string' ? `\`${uri}\`` : `a ${className(value.type)}`;
  }
  return 'its datasets';
}

function listAssets(items: PipelineValue[], conjunction: 'and' | 'or'): string {
  const parts = items.map((item) => (isConditionValue(item) ? `(${assetWords(item)})` : assetWords(item)));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts[parts.length - 1]}`;
}

/**
 * The next `count` fire times strictly after `from`. Cron schedules and cron timetables follow their expression (in
 * the timetable's time zone, else `timezone`, Airflow's default being UTC); intervals step from `from`, since Airflow
 * counts them from a start_date this function does not know. Empty for schedules without fixed times.
 */
export function nextFireTimes(schedule: Schedule, from: Date, count: number, timezone = 'UTC'): Date[] {
  if (schedule.cron !== undefined) return cronNextFireTimes(schedule.cron, from, count, schedule.timezone ?? timezone);
  if (schedule.intervalSeconds !== undefined) {
    return Array.from({ length: count }, (_, i) => new Date(from.getTime() + (i + 1) * schedule.intervalSeconds! * 1000));
  }
  return [];
}
