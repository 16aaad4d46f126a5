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
import { parseLimitsSettings, type LimitsSettings } from './limits';
import { parseEventsSettings, type EventsSettings } from '../events/settings';
import { unsafeGlobReason } from '../pattern-safety';

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
  /** Which dbt model implements each data contract object, where its own name does not say it. */
  contracts?: ContractsSettings;
  /**
   * The major version of Airflow that runs the dag-factory pipelines; decides the verdict of rules on keys one version
   * removed (`schedule_interval`). Inferred from the operator import paths when absent (core/pipelines/airflow-version.ts).
   */
  airflow?: AirflowMajorVersion;
  /** Above which size a file is read only for its refs, sources and declarations (config/limits.ts). */
  limits?: LimitsSettings;
  /** Event schemas: which JSON files are event contracts, and the compatibility mode of each (core/events/settings.ts). */
  events?: EventsSettings;
}

export const AIRFLOW_MAJOR_VERSIONS = [2, 3] as const;
export type AirflowMajorVersion = (typeof AIRFLOW_MAJOR_VERSIONS)[number];

/** One explicit mapping of a data contract object to the dbt model that implements it. */
export interface ContractImplementationSetting {
  /** The contract file, workspace-relative as findings name it. */
  file: string;
  /** The ODCS schema object's name, or the DCS model's key. */
  object: string;
  /** The dbt model's name (`fct_orders`), or a version of it (`fct_orders.v2`). */
  model: string;
  /** Where the mapping is written in dplens.yml, to report a model that does not exist. */
  path: YamlPath;
}

export interface ContractsSettings {
  /** Keyed by `<contract file>#<object name>`. */
  implementations: Record<string, ContractImplementationSetting>;
}

export interface ConfigProblem {
  message: string;
  span: Span;
}

export const EMPTY_CONFIG: DplensConfig = { rules: {}, include: [], exclude: [], ignore: [] };

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];
const TOP_LEVEL_KEYS = ['adapter', 'rules', 'include', 'exclude', 'ignore', 'target', 'stats', 'cost', 'contracts', 'airflow', 'limits', 'events'];

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
    if (Array.isArray(list) && list.every((item) => typeof item === 'string' && item.trim() !== '')) config[key] = safeGlobs(key, list as string[], at, problems);
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
  if (value.contracts !== undefined) config.contracts = parseContractsSettings(value.contracts, at, problems);
  if (value.limits !== undefined) config.limits = parseLimitsSettings(value.limits, at, problems);
  if (value.events !== undefined) config.events = parseEventsSettings(value.events, at, problems);
  if (value.airflow !== undefined) {
    if ((AIRFLOW_MAJOR_VERSIONS as readonly unknown[]).includes(value.airflow)) config.airflow = value.airflow as AirflowMajorVersion;
    else problems.push({ message: `\`airflow\` is the major version of Airflow that runs the pipelines: 2 or 3, not \`${JSON.stringify(value.airflow)}\`.`, span: at(['airflow']) });
  }
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

/**
 * The globs of `include`, `exclude` or `ignore` that can be matched without catastrophic backtracking; each other is
 * refused with a located problem (see pattern-safety.ts), since it is matched against every path of the workspace.
 */
function safeGlobs(key: string, globs: string[], at: (path: YamlPath) => Span, problems: ConfigProblem[]): string[] {
  return globs.filter((glob, position) => {
    const reason = unsafeGlobReason(glob);
    if (reason) problems.push({ message: `The glob \`${glob}\` in \`${key}\` is not used: ${reason}, and it is matched against every path of the workspace. Use fewer wildcards, e.g. \`models/legacy/**\` for a folder or \`**/*_tmp.sql\` for a suffix.`, span: at([key, position]) });
    return !reason;
  });
}

/**
 * Reads `contracts:`, whose only key is `implementations`: `"<contract file>#<object name>": <dbt model>`.
 * Entries with problems are left out.
 */
function parseContractsSettings(value: unknown, at: (path: YamlPath, target?: 'key' | 'value') => Span, problems: ConfigProblem[]): ContractsSettings {
  const settings: ContractsSettings = { implementations: {} };
  const shape = '`contracts` takes `implementations`, a mapping of `"<contract file>#<object name>"` to the name of the dbt model that implements that object.';
  if (!isPlainObject(value)) {
    problems.push({ message: shape, span: at(['contracts']) });
    return settings;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'implementations') problems.push({ message: `Unknown key \`${key}\` in \`contracts\`. ${shape}`, span: at(['contracts', key], 'key') });
  }
  const implementations = value.implementations;
  if (implementations === undefined) return settings;
  if (!isPlainObject(implementations)) {
    problems.push({ message: shape, span: at(['contracts', 'implementations']) });
    return settings;
  }
  for (const [key, model] of Object.entries(implementations)) {
    const path: YamlPath = ['contracts', 'implementations', key];
    const hash = key.lastIndexOf('#');
    const file = hash < 0 ? '' : key.slice(0, hash).trim();
    const object = hash < 0 ? '' : key.slice(hash + 1).trim();
    if (file === '' || object === '') {
      problems.push({ message: `\`${key}\` does not name a contract object: write \`<contract file>#<object name>\`, e.g. \`contracts/orders.odcs.yaml#orders\` (the file relative to the workspace root, then the schema object's \`name\` or the DCS model's key).`, span: at(path, 'key') });
      continue;
    }
    if (typeof model !== 'string' || model.trim() === '') {
      problems.push({ message: `The implementation of \`${key}\` must be the name of a dbt model (\`fct_orders\`, or \`fct_orders.v2\` for one version).`, span: at(path) });
      continue;
    }
    settings.implementations[key] = { file, object, model: model.trim(), path };
  }
  return settings;
}

/** Locates a problem with a rule's settings in the config text. */
export function locateRuleSetting(text: string, setting: RuleSetting, key?: string): Span {
  const path = key ? [...setting.path, 'options', key] : setting.path;
  return locateYamlPath(text, path, key ? 'key' : 'key') ?? { start: 0, end: 0 };
}
