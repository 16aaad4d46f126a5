/**
 * The public surface of the YAML readers: load fast, locate lazily, and one reader per dbt file kind.
 */
export { loadYaml, type LoadedYaml } from './load';
export { locateYamlPath, type YamlPath } from './locate';
export { clearExactDocumentCache } from './document';
export type { YamlProblem, PlainObject } from './read';
export { parseProperties, readPropertiesValue, emptyPropertiesFile, type ParsedProperties } from './properties';
export type * from './properties-types';
export { parseDependency } from './properties-sources';
export { parseDbtProject, readDbtProjectValue, resolveProjectVar, CONFIG_TREE_KEYS, type DbtProjectFile, type ParsedDbtProject, type ConfigTree, type ConfigTreeKey } from './dbt-project';
export { folderConfig, folderConfigWithSources, mergeDbtConfig, configsAtLevel, isKnownDbtConfig, KNOWN_DBT_CONFIGS, type ResolvedFolderConfig } from './dbt-config';
export { parsePackages, type PackageSpec, type PackageSource, type ParsedPackages, type ProjectDependency } from './packages';
export { readAdapterType, type AdapterTypeResult } from './profiles';
