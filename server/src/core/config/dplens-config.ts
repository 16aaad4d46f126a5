/**
 * `dplens.yml`: the project's own configuration of Data Platform Lens.
 *
 * The file is validated strictly: an unknown key or a wrong type is a located problem,
 * because a silently ignored typo in a rule id would turn a check off without anyone noticing.
 */
import type { SeveritySetting } from '../findings';
import type { Span, SyntaxIssue } from '../text';
import { loadYaml, locateYamlPath, type YamlPath } from '../yaml';
import { parseCostSettings, parseStatsSettings, type CostSettings, type RelationStatsSetting } from './cost-settings';

export const ADAPTERS = ['bigquery', 'snowflake', 'databricks', 'spark', 'redshift', 'postgres', 'trino', 'duckdb'] as const;
export type Adapter = (typeof ADAPTERS)[number];

export interface RuleSetting {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
  /** Where the setting was written, to locate problems with its options. */
  path: YamlPath;
}

export interface DplensConfig {
  adapter?: Adapter;
  rules: Record<string, RuleSetting>;
  /** Findings are reported only for files matching these globs (all files when empty). */
  include: string[];
  /** Findings are never reported for files matching these globs. */
  exclude: string[];
  /** Paths skipped entirely during discovery, in addition to the built-in ones. */
  ignore: string[];
  /**
   * The target's schema and database, for relation names (`generate_schema_name`). Only the adapter type
   * is ever read from profiles.yml, so these come from here when a rule needs them.
   */
  target?: { schema?: string; database?: string };
  /** Relation sizes stated by the user, keyed by `source.<source>.<table>` or `model.<name>` (see cost-settings.ts). */
  stats?: Record<string, RelationStatsSetting>;
  /** Pricing, runs per day and budgets of the cost model. */
  cost?: CostSettings;
}

export interface ConfigProblem {
  message: string;
  span: Span;
}

export const EMPTY_CONFIG: DplensConfig = { rules: {}, include: [], exclude: [], ignore: [] };

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];
const TOP_LEVEL_KEYS = ['adapter', 'rules', 'include', 'exclude', 'ignore', 'target', 'stats', 'cost'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `dplens.yml`; the caller checks rule ids and options against the registry. */
export function parseDplensConfig(text: string): { config: DplensConfig; problems: ConfigProblem[] } {
  const loaded = loadYaml(text);
  const problems: ConfigProblem[] = loaded.errors.map((error: SyntaxIssue) => ({ message: error.message, span: error.span }));
  const config: DplensConfig = { rules: {}, include: [], exclude: [], ignore: [] };
  const at = (path: YamlPath, target: 'key' | 'value' = 'value'): Span =>
    locateYamlPath(text, path, target) ?? { start: 0, end: 0 };
  const value = loaded.value;
  if (value === null || value === undefined) return { config, problems };
  if (!isPlainObject(value)) {
    problems.push({ message: 'dplens.yml must be a mapping of settings (adapter, rules, include, exclude, ignore).', span: at([]) });
    return { config, problems };
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      problems.push({ message: `Unknown setting \`${key}\` in dplens.yml; the known settings are ${TOP_LEVEL_KEYS.join(', ')}.`, span: at([key], 'key') });
    }
  }
  if (value.adapter !== undefined) {
    if (typeof value.adapter === 'string' && (ADAPTERS as readonly string[]).includes(value.adapter)) {
      config.adapter = value.adapter as Adapter;
    } else {
      problems.push({ message: `\`adapter\` must be one of ${ADAPTERS.join(', ')}.`, span: at(['adapter']) });
    }
  }
  for (const key of ['include', 'exclude', 'ignore'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((item) => typeof item === 'string' && item.trim() !== '')) config[key] = list as string[];
    else if (Array.isArray(list) && list.every((item) => typeof item === 'string')) problems.push({ message: `\`${key}\` holds an empty pattern, which would match nothing; remove it.`, span: at([key, list.findIndex((item) => (item as string).trim() === '')]) });
    else problems.push({ message: `\`${key}\` must be a list of glob patterns.`, span: at([key]) });
  }
  if (value.target !== undefined) {
    const target = value.target;
    if (isPlainObject(target) && Object.entries(target).every(([key, item]) => (key === 'schema' || key === 'database') && typeof item === 'string')) {
      config.target = { schema: target.schema as string | undefined, database: target.database as string | undefined };
    } else {
      problems.push({ message: '`target` takes `schema` and `database`, both strings (the names dbt\'s target would use).', span: at(['target']) });
    }
  }
  if (value.stats !== undefined) config.stats = parseStatsSettings(value.stats, at, problems);
  if (value.cost !== undefined) config.cost = parseCostSettings(value.cost, at, problems, ADAPTERS);
  const rules = value.rules;
  if (rules !== undefined && !isPlainObject(rules)) {
    problems.push({ message: '`rules` must map rule ids to a severity (off, info, warning, error) or to {severity, options}.', span: at(['rules']) });
  } else if (rules) {
    for (const [id, setting] of Object.entries(rules)) {
      const path: YamlPath = ['rules', id];
      if (typeof setting === 'string') {
        if (SEVERITY_SETTINGS.includes(setting)) config.rules[id] = { severity: setting as SeveritySetting, options: {}, path };
        else problems.push({ message: `Severity \`${setting}\` for ${id} is not one of off, info, warning, error.`, span: at(path) });
      } else if (isPlainObject(setting)) {
        const rule: RuleSetting = { options: {}, path };
        for (const key of Object.keys(setting)) {
          if (key !== 'severity' && key !== 'options') {
            problems.push({ message: `Unknown key \`${key}\` in the settings of ${id}; use \`severity\` and \`options\`.`, span: at([...path, key], 'key') });
          }
        }
        if (setting.severity !== undefined) {
          if (typeof setting.severity === 'string' && SEVERITY_SETTINGS.includes(setting.severity)) rule.severity = setting.severity as SeveritySetting;
          else problems.push({ message: `Severity for ${id} must be one of off, info, warning, error.`, span: at([...path, 'severity']) });
        }
        if (setting.options !== undefined) {
          if (isPlainObject(setting.options)) rule.options = setting.options;
          else problems.push({ message: `Options for ${id} must be a mapping.`, span: at([...path, 'options']) });
        }
        config.rules[id] = rule;
      } else {
        problems.push({ message: `The setting for ${id} must be a severity or a mapping with severity and options.`, span: at(path) });
      }
    }
  }
  return { config, problems };
}

/** Locates a problem with a rule's settings in the config text. */
export function locateRuleSetting(text: string, setting: RuleSetting, key?: string): Span {
  const path = key ? [...setting.path, 'options', key] : setting.path;
  return locateYamlPath(text, path, key ? 'key' : 'key') ?? { start: 0, end: 0 };
}
