/**
 * The read-only view of the workspace index that rules, the CLI and the language server consume.
 */
import type { Adapter, DplensConfig } from '../config/dplens-config';
import type { CatalogEntry } from '../artifacts';
import type { ArtifactStatus } from './artifacts';
import type { Dialect } from '../sql';
import type { Span } from '../text';
import type { DbtProjectFile, YamlPath } from '../yaml';
import type { FileKind, ResourceKind } from './layout';
import type { FileSummary } from './summary';

export interface DbtProject {
  /** The project's root folder, POSIX and relative to the workspace root ('' for the root itself). */
  id: string;
  root: string;
  projectFile: string;
  name: string;
  parsed: DbtProjectFile;
  /** True for a package installed under another project's `dbt_packages/`. */
  isPackage: boolean;
  /** For a package: the project that installed it. */
  installedBy?: string;
  resourcePaths: Record<ResourceKind, string[]>;
  adapter: Adapter;
  /** Where the adapter came from, so the user can be told when it is only a default. */
  adapterSource: 'dplens.yml' | 'profiles.yml' | 'default';
  adapterNote?: string;
  dialect: Dialect;
  /** Package names declared in packages.yml or dependencies.yml. */
  declaredPackages: string[];
  /** The declaring file, for locating the packages-not-installed finding. */
  packagesFile?: string;
  /** Package names found installed under the packages folder. */
  installedPackages: string[];
}

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'source' | 'exposure' | 'analysis' | 'test';

/** A ref() or source() call of a node and what it resolved to. */
export interface Dependency {
  kind: 'ref' | 'source';
  /** `ref`: [package?, name]; `source`: [source, table]. */
  name: string;
  package?: string;
  version?: string | number;
  sourceName?: string;
  tableName?: string;
  /** Where the call is written: in the node's SQL file, or in a YAML file (exposures). */
  file: string;
  span?: Span;
  /** The span of the name argument (the model or table name, without quotes), for fixes. */
  nameSpan?: Span;
  yamlPath?: YamlPath;
  /** True when the call's arguments are not literals, so it cannot be resolved statically. */
  dynamic: boolean;
  /** True when the call was found only by rendering a macro in the sandbox. */
  viaMacro?: string;
  /** The unique id it resolves to, if any. */
  target?: string;
  /** Why it did not resolve, when it did not and there is something specific to say. */
  unresolvedReason?: 'disabled' | 'unknown-version' | 'unknown-package';
}

export interface GraphNode {
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  packageName: string;
  projectId: string;
  version?: string | number;
  /** For versioned models: the version an unversioned ref() means, when the properties set one. */
  latestVersion?: string | number;
  file?: string;
  /** Where the node is described in properties YAML, if anywhere. */
  properties?: { file: string; path: YamlPath };
  /** Folder segments below the resource path, used by folder-level configuration. */
  fqn: string[];
  config: Record<string, unknown>;
  enabled: boolean;
  dependencies: Dependency[];
  /** For sources: the source and table names. */
  sourceName?: string;
  tableName?: string;
  relation?: { database?: string; schema?: string; identifier: string };
  isPackage: boolean;
  /**
   * For a node of a file that several projects' paths include (a folder they share): the unique id of the same
   * declaration in the file's first owner. dbt parses the file in each project, so each has its own node, but rules
   * report on the file once, through the first owner's node.
   */
  copyOf?: string;
  /** On the first owner's node of a shared file: the unique ids of its copies in the other owners. */
  sharedWith?: string[];
}

export interface ProjectIndex {
  readonly projects: ReadonlyMap<string, DbtProject>;
  /**
   * Changes whenever the index does (an edit, a removal, a rebuild): what is derived from the whole index, such
   * as the list of models the standards rules share within a pass, stays valid while the revision is the same.
   */
  readonly revision: number;
  file(path: string): FileSummary | undefined;
  files(): Iterable<FileSummary>;
  /** The paths of seed files (CSV), without visiting every file: few projects have more than a handful. */
  seedFiles(): Iterable<string>;
  /** The current text of a file, as last given to the index. */
  text(path: string): string | undefined;
  fileKind(path: string): FileKind | undefined;
  projectOf(path: string): DbtProject | undefined;
  /** Every project that parses a file, the first owner (`projectOf`) first: several when projects share a folder. */
  projectsOf(path: string): DbtProject[];
  node(uniqueId: string): GraphNode | undefined;
  nodes(): Iterable<GraphNode>;
  /** The nodes a file defines in its first owner; a shared file's copies in other projects are in each node's `sharedWith`. */
  nodesOfFile(path: string): GraphNode[];
  parents(uniqueId: string): string[];
  /** Dependency cycles, each as the unique ids of its members. */
  cycles(): string[][];
  children(uniqueId: string): string[];
  /** Names that `ref()` can reach from a project, for suggestions. */
  refableNames(projectId: string): string[];
  /** Source and table names reachable from a project, for suggestions. */
  sourceTables(projectId: string): { source: string; table: string }[];
  /** The relation a node builds or reads, as dbt names it (see WorkspaceIndex.relationOf). */
  relationOf(uniqueId: string): { database?: string; schema?: string; identifier: string } | undefined;
  /** What dbt's catalog.json says of a node (warehouse column types, table statistics), if it was built. */
  catalogEntry(uniqueId: string): CatalogEntry | undefined;
  /** The catalog.json a node's entry comes from, and when dbt generated it (`metadata.generated_at`). */
  catalogInfo(uniqueId: string): { file: string; generatedAt?: string } | undefined;
  /** The catalog.json and manifest.json of every root project that has them, and whether each was read whole. */
  artifactStatuses(): ArtifactStatus[];
  /** The dplens.yml settings that apply to a project (its own over the workspace's). */
  configOf(project: DbtProject): DplensConfig | undefined;
  /** The dplens.yml settings that apply to a file: its project's, else the workspace's (event schemas outside any project). */
  configAt(path: string): DplensConfig | undefined;
  /** Why rendering the ref-producing macro a node calls failed, if it did. */
  macroRenderFailure(uniqueId: string): { macro: string; message: string } | undefined;
  /** Macro names defined in a project and its installed packages (bare and package-qualified). */
  hasMacro(projectId: string, name: string): boolean;
}
