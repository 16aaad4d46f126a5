/**
 * The `events:` section of `dplens.yml`: which JSON files are event contracts, and the compatibility mode each event
 * schema is held to against its earlier versions, with Confluent Schema Registry's names and meanings.
 *
 *     events:
 *       compatibility: BACKWARD            # the default mode
 *       overrides:
 *         - files: ['events/legacy/**']
 *           compatibility: NONE
 *       subjects:
 *         orders-value: FULL               # a record's full name, or it with `-value` (Confluent's default subject)
 *       history: 5                         # earlier versions the *_TRANSITIVE modes compare with
 *       jsonSchemas: ['events/**\/*.schema.json']
 */
import picomatch from 'picomatch';
import type { Span } from '../text';
import type { YamlPath } from '../yaml';
import { unsafeGlobReason } from '../pattern-safety';

export const COMPATIBILITY_MODES = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Confluent Schema Registry's default, and ours. */
export const DEFAULT_COMPATIBILITY: CompatibilityMode = 'BACKWARD';
/** How many earlier committed versions the transitive modes compare with, by default. */
export const DEFAULT_EVENT_HISTORY = 5;
export const DEFAULT_JSON_SCHEMA_GLOBS = ['**/*.schema.json'];

export interface EventsSettings {
  compatibility?: CompatibilityMode;
  /** Modes for files matching globs; the last matching entry wins. */
  overrides?: { files: string[]; compatibility: CompatibilityMode }[];
  /** Modes by subject: a record's full name, or it with `-value` or `-key`. */
  subjects?: Record<string, CompatibilityMode>;
  history?: number;
  jsonSchemas?: string[];
}

interface SettingProblem {
  message: string;
  span: Span;
}

type Locate = (path: YamlPath, target?: 'key' | 'value') => Span;

const KEYS = ['compatibility', 'overrides', 'subjects', 'history', 'jsonSchemas'];
const MODES_LIST = COMPATIBILITY_MODES.join(', ');

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mode(value: unknown, path: YamlPath, at: Locate, problems: SettingProblem[]): CompatibilityMode | undefined {
  if (typeof value === 'string' && (COMPATIBILITY_MODES as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase() as CompatibilityMode;
  problems.push({ message: `\`${path.join('.')}\` is a compatibility mode, one of ${MODES_LIST} (Confluent Schema Registry's modes), not \`${JSON.stringify(value)}\`.`, span: at(path) });
  return undefined;
}

function globs(value: unknown, path: YamlPath, at: Locate, problems: SettingProblem[]): string[] | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    problems.push({ message: `\`${path.join('.')}\` is a list of glob patterns relative to the workspace root, e.g. \`['events/**/*.avsc']\`.`, span: at(path) });
    return undefined;
  }
  return (value as string[]).filter((glob, position) => {
    const reason = unsafeGlobReason(glob);
    if (reason) problems.push({ message: `The glob \`${glob}\` is not used: ${reason}. Use fewer wildcards, e.g. \`events/**\`.`, span: at([...path, position]) });
    return !reason;
  });
}

/** Reads `events:`; a wrong value is a located problem and leaves the default in place. */
export function parseEventsSettings(value: unknown, at: Locate, problems: SettingProblem[]): EventsSettings {
  const settings: EventsSettings = {};
  const shape = `\`events\` takes \`compatibility\` (${MODES_LIST}), \`overrides\` (a list of \`{files, compatibility}\`), \`subjects\` (a mapping of subject to mode), \`history\` (a number) and \`jsonSchemas\` (globs).`;
  if (!isMapping(value)) {
    problems.push({ message: shape, span: at(['events']) });
    return settings;
  }
  for (const [key, item] of Object.entries(value)) {
    const path: YamlPath = ['events', key];
    switch (key) {
      case 'compatibility':
        settings.compatibility = mode(item, path, at, problems);
        break;
      case 'overrides':
        if (!Array.isArray(item)) {
          problems.push({ message: '`events.overrides` is a list of `{files: [globs], compatibility: MODE}` entries.', span: at(path) });
          break;
        }
        settings.overrides = [];
        item.forEach((entry, position) => {
          const entryPath: YamlPath = [...path, position];
          if (!isMapping(entry) || entry.files === undefined || entry.compatibility === undefined || Object.keys(entry).some((name) => name !== 'files' && name !== 'compatibility')) {
            problems.push({ message: 'Each entry of `events.overrides` has exactly `files` (a list of globs) and `compatibility` (a mode).', span: at(entryPath) });
            return;
          }
          const files = globs(entry.files, [...entryPath, 'files'], at, problems);
          const compatibility = mode(entry.compatibility, [...entryPath, 'compatibility'], at, problems);
          if (files && compatibility) settings.overrides!.push({ files, compatibility });
        });
        break;
      case 'subjects':
        if (!isMapping(item)) {
          problems.push({ message: '`events.subjects` maps a subject (a record\'s full name, or it with `-value`) to a compatibility mode.', span: at(path) });
          break;
        }
        settings.subjects = {};
        for (const [subject, setting] of Object.entries(item)) {
          const found = mode(setting, [...path, subject], at, problems);
          if (found) settings.subjects[subject] = found;
        }
        break;
      case 'history':
        if (typeof item === 'number' && Number.isSafeInteger(item) && item >= 1 && item <= 100) settings.history = item;
        else problems.push({ message: `\`events.history\` is how many earlier committed versions the *_TRANSITIVE modes compare with: a whole number from 1 to 100 (default ${DEFAULT_EVENT_HISTORY}), not \`${JSON.stringify(item)}\`.`, span: at(path) });
        break;
      case 'jsonSchemas':
        settings.jsonSchemas = globs(item, path, at, problems);
        break;
      default:
        problems.push({ message: `Unknown key \`${key}\` in \`events\`. ${shape}`, span: at(path, 'key') });
    }
  }
  return settings;
}

const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

/** A glob list's matcher, compiled once per list (settings are immutable once parsed). */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  let matcher = matchers.get(globs);
  if (!matcher) {
    const patterns = globs.filter((glob) => glob.length > 0);
    matcher = patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false;
    matchers.set(globs, matcher);
  }
  return matcher;
}

/**
 * The mode a schema is held to: its subject's (a record full name, alone or with `-value`/`-key`), else the last
 * override whose globs match its path, else `events.compatibility`, else BACKWARD.
 */
export function compatibilityModeOf(settings: EventsSettings | undefined, path: string, subjectNames: readonly string[]): CompatibilityMode {
  for (const name of subjectNames) {
    const bySubject = settings?.subjects?.[name] ?? settings?.subjects?.[`${name}-value`] ?? settings?.subjects?.[`${name}-key`];
    if (bySubject) return bySubject;
  }
  const overrides = settings?.overrides ?? [];
  for (let i = overrides.length - 1; i >= 0; i--) if (globMatcher(overrides[i].files)(path)) return overrides[i].compatibility;
  return settings?.compatibility ?? DEFAULT_COMPATIBILITY;
}

/** Which directions a mode checks: backward (the new schema reads old data), forward (the old schema reads new data). */
export function modeDirections(mode: CompatibilityMode): { backward: boolean; forward: boolean; transitive: boolean } {
  return {
    backward: mode.startsWith('BACKWARD') || mode.startsWith('FULL'),
    forward: mode.startsWith('FORWARD') || mode.startsWith('FULL'),
    transitive: mode.endsWith('_TRANSITIVE'),
  };
}

/**
 * How many earlier committed versions of a file the IO layer should read for the transitive modes, or undefined
 * when no transitive mode can apply to it. A subject's mode depends on the record's name inside the file, which the
 * IO layer does not parse: any transitive subject asks for the history of every event schema (a few small blobs).
 */
export function historyDepthFor(settings: EventsSettings | undefined, path: string, isEventSchemaPath: (path: string) => boolean): number | undefined {
  if (!isEventSchemaPath(path)) return undefined;
  const modes = [compatibilityModeOf(settings, path, []), ...Object.values(settings?.subjects ?? {})];
  return modes.some((mode) => mode.endsWith('_TRANSITIVE')) ? settings?.history ?? DEFAULT_EVENT_HISTORY : undefined;
}
