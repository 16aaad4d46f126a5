/**
 * Where each `dplens.yml` applies. A workspace-root dplens.yml applies everywhere; a dplens.yml beside a
 * project's dbt_project.yml applies to that project's files, over the root one (a monorepo can give each
 * project its own adapter, target and rule settings).
 */
import { basename, dirname } from '../project/layout';
import { EMPTY_CONFIG, parseDplensConfig, type ConfigProblem, type DplensConfig } from './dplens-config';

export interface ConfigSource {
  path: string;
  text: string;
}

export interface ConfigScopes {
  /** The workspace-root (or given) configuration. */
  root: DplensConfig;
  /** Per project root: the root configuration with the project's own dplens.yml over it. */
  byProjectRoot: Map<string, DplensConfig>;
  problems: { file: string; problems: ConfigProblem[] }[];
}

/** A project's settings over the workspace's: scalar keys, lists and `cost` replace, rule settings, stats, contract implementations and limits merge per key. */
export function mergeConfigs(base: DplensConfig, override: DplensConfig): DplensConfig {
  return {
    adapter: override.adapter ?? base.adapter,
    rules: { ...base.rules, ...override.rules },
    include: override.include.length > 0 ? override.include : base.include,
    exclude: [...base.exclude, ...override.exclude],
    ignore: [...base.ignore, ...override.ignore],
    target: override.target || base.target ? { ...base.target, ...override.target } : undefined,
    stats: override.stats || base.stats ? { ...base.stats, ...override.stats } : undefined,
    cost: override.cost ?? base.cost,
    contracts: override.contracts || base.contracts ? { implementations: { ...base.contracts?.implementations, ...override.contracts?.implementations } } : undefined,
    limits: override.limits || base.limits ? { ...base.limits, ...override.limits } : undefined,
    airflow: override.airflow ?? base.airflow,
    events: override.events ?? base.events,
  };
}

/**
 * Reads every dplens.yml that applies. With `given` (`--config FILE`), that file replaces the
 * workspace's own configuration everywhere, as the user asked.
 */
export function readConfigScopes(files: ReadonlyMap<string, string>, given?: ConfigSource): ConfigScopes {
  const problems: ConfigScopes['problems'] = [];
  const read = (source: ConfigSource): DplensConfig => {
    const parsed = parseDplensConfig(source.text);
    if (parsed.problems.length > 0) problems.push({ file: source.path, problems: parsed.problems });
    return parsed.config;
  };
  const rootText = files.get('dplens.yml');
  const root = given ? read(given) : rootText !== undefined ? read({ path: 'dplens.yml', text: rootText }) : EMPTY_CONFIG;
  const byProjectRoot = new Map<string, DplensConfig>();
  if (!given) {
    for (const [path, text] of files) {
      if (basename(path) !== 'dplens.yml' || path === 'dplens.yml') continue;
      const folder = dirname(path);
      // Only a dplens.yml beside a dbt_project.yml is a project's configuration.
      if (!files.has(folder === '' ? 'dbt_project.yml' : `${folder}/dbt_project.yml`)) continue;
      byProjectRoot.set(folder, mergeConfigs(root, read({ path, text })));
    }
  }
  return { root, byProjectRoot, problems };
}
