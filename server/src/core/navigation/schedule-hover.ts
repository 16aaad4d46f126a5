/**
 * Hover on a dag-factory `schedule` (or legacy `schedule_interval`) value: when it fires in words, runs per day, and
 * the next three fire times, so a cron expression can be read without a cron cheat sheet.
 */
import type { ProjectIndex } from '../project/index-types';
import { nextFireTimes, readSchedule, type Schedule } from '../pipelines/schedule';
import { pipelineSummaryOf, writtenDagKeys } from '../pipelines/schedule-keys';
import type { HoverContent } from './types';

const SHOWN_FIRE_TIMES = 3;

/** The schedule hover at an offset of a pipeline file: on the key or its value; undefined elsewhere. */
export function scheduleHoverAt(index: ProjectIndex, file: string, offset: number, now: Date): HoverContent | undefined {
  const summary = index.file(file);
  const pipeline = summary && pipelineSummaryOf(summary);
  if (!pipeline) return undefined;
  for (const key of ['schedule', 'schedule_interval']) {
    for (const written of writtenDagKeys(pipeline, key)) {
      const { keySpan, valueSpan } = written.origin;
      const onKey = keySpan !== undefined && offset >= keySpan.start && offset <= keySpan.end;
      const onValue = offset >= valueSpan.start && offset <= valueSpan.end;
      if (!onKey && !onValue) continue;
      return { markdown: scheduleMarkdown(readSchedule(written.value), now), span: onKey && keySpan ? keySpan : valueSpan };
    }
  }
  return undefined;
}

/** The hover text of one schedule; `now` is the instant the next fire times count from. */
export function scheduleMarkdown(schedule: Schedule, now: Date): string {
  if (schedule.problems.length > 0) {
    return ['**Invalid schedule**', '', ...schedule.problems.map((problem) => problem.message)].join('\n');
  }
  const lines = [`**Schedule**: ${schedule.description}`, ''];
  lines.push(schedule.runsPerDay === null ? 'Runs per day: not fixed by the schedule.' : `Runs per day: ${runsText(schedule.runsPerDay)}.`);
  const times = nextFireTimes(schedule, now, SHOWN_FIRE_TIMES);
  if (times.length > 0) {
    const approximate = schedule.cron === undefined ? ', counted from now: Airflow counts from start_date' : '';
    lines.push('', `Next fire times (UTC${approximate}):`, ...times.map((time) => `- ${time.toISOString().slice(0, 16).replace('T', ' ')}`));
  }
  return lines.join('\n');
}

function runsText(runsPerDay: number): string {
  if (Number.isInteger(runsPerDay)) return String(runsPerDay);
  const perWeek = runsPerDay * 7;
  const rounded = Number(runsPerDay.toPrecision(3));
  return Math.abs(perWeek - Math.round(perWeek)) < 1e-9 ? `${rounded} (${Math.round(perWeek)} a week)` : String(rounded);
}
