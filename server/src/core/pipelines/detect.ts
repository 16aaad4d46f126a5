/**
 * Recognising dag-factory files: YAML whose top level holds at least one DAG (a key whose value is a mapping with
 * `tasks`), and the `defaults.yml` / `defaults.yaml` files dag-factory merges into the DAGs beside and below them.
 *
 * Recognition runs on every YAML file of a workspace that no dbt rule claims, so it never parses: it reads the
 * top-level keys and the first level of keys below each, line by line. The index asks only about files that are not
 * dbt files (dbt_project.yml, selectors.yml, packages.yml, properties in a resource folder) nor data contracts.
 */
import { basename, dirname } from '../project/layout';
import type { PipelineFileRole } from './dag-model';

/** The names dag-factory looks for in each folder, the first found winning (`defaults.yml` over `defaults.yaml`). */
export const DEFAULTS_FILE_NAMES = ['defaults.yml', 'defaults.yaml'];

/** Whether a path is named like a dag-factory folder defaults file. */
export function isDefaultsFileName(path: string): boolean {
  return DEFAULTS_FILE_NAMES.includes(basename(path));
}

const TOP_LEVEL_KEY = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"\-?:][^:#\n]*?))[ \t]*:(?:[ \t]+(.*))?$/;
const CHILD_KEY = /^([ \t]+)(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"\-?:][^:#\n]*?))[ \t]*:(?:[ \t]|$)/;

/**
 * Whether the text has a DAG's shape: a top-level key whose block mapping has a `tasks:` key at its first level.
 * A flow mapping on the key's own line (`dag: {tasks: [...]}`) counts too.
 */
export function hasDagShape(text: string): boolean {
  // Nearly every YAML file without the word is ruled out by one substring test.
  if (!text.includes('tasks')) return false;
  let insideTopLevelKey = false;
  let childIndent: string | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^[ \t]/.test(line)) {
      const top = TOP_LEVEL_KEY.exec(line);
      insideTopLevelKey = top !== null;
      childIndent = undefined;
      const inlineValue = top?.[4]?.trim() ?? '';
      if (top && inlineValue.startsWith('{') && /[{,]\s*tasks\s*:/.test(inlineValue)) return true;
      continue;
    }
    if (!insideTopLevelKey) continue;
    const child = CHILD_KEY.exec(line);
    const indent = /^[ \t]*/.exec(line)![0];
    if (childIndent === undefined) childIndent = indent;
    if (!child || indent !== childIndent) continue;
    const key = child[2] ?? child[3] ?? child[4];
    if (key === 'tasks') return true;
  }
  return false;
}

/** A top-level key only a DAG's settings have, for a defaults.yml that sets no `default_args`. */
const DAG_LEVEL_DEFAULT = /^(schedule|schedule_interval|catchup|max_active_runs|max_active_tasks|dagrun_timeout|start_date|tags)[ \t]*:/m;

/** What a YAML file is for dag-factory, by its name and text; undefined when it is no dag-factory file. */
export function detectPipelineFile(path: string, text: string): PipelineFileRole | undefined {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.yml') && !lower.endsWith('.yaml')) return undefined;
  if (isDefaultsFileName(path)) return hasDagFactoryDefaults(text) || DAG_LEVEL_DEFAULT.test(text) ? 'defaults' : undefined;
  return hasDagShape(text) ? 'dags' : undefined;
}

/**
 * Whether a defaults file holds dag-factory defaults: a top-level `default_args:` key. A `defaults.yml` of another
 * tool (a Helm chart, an Ansible role) has none, so the YAML beside it is not taken for DAGs.
 */
export function hasDagFactoryDefaults(text: string): boolean {
  return /^default_args[ \t]*:/m.test(text);
}

/**
 * The folders that hold a dag-factory defaults file. dag-factory's `load_yaml_dags` loads every YAML file at and below
 * its dags folder, so a YAML file there is a pipeline file even when it is too broken to show a DAG's shape.
 */
export function dagFactoryFolders(files: Iterable<[string, string]>): string[] {
  const folders: string[] = [];
  for (const [path, text] of files) if (isDefaultsFileName(path) && hasDagFactoryDefaults(text)) folders.push(dirname(path));
  return folders;
}

/** Whether a path lies at or below one of the given folders. */
export function insideDagFactoryFolder(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => folder === '' || path.startsWith(folder + '/'));
}
