/**
 * The workspace index: every project, every file's summary, and the graph, kept up to date per edit.
 *
 * Architecture invariant: an edit recomputes the edited file's summary, then only the graph nodes whose
 * inputs changed; a whole-project pass happens only when a project file (dbt_project.yml, packages,
 * profiles, dplens.yml) changes.
 */
import type { DplensConfig } from '../config/dplens-config';
import { maxFileBytesOf } from '../config/limits';
import type { SyntaxIssue } from '../text';
import type { DbtProject, GraphNode, ProjectIndex } from './index-types';
import { ProjectGraph } from './graph';
import { basename, EVALUATOR_EXCEPTIONS_SEED, insideIgnoredFolder, isUnder, kindByName, kindInResourceFolder, type FileKind } from './layout';
import { addPropertiesEntries, nodesForFile, nodesForProperties, type PropertiesLookup } from './nodes';
import { loadProjects, ownersLookup, type ProfilesCandidate } from './projects';
import { graphSignature, isSqlSummary, summarizeFile, summaryFitsLimit, type FileSummary } from './summary';
import type { SummaryStore } from './summary-store';
import { MacroRendering } from './macro-rendering';
import { ProjectArtifacts, type ArtifactStatus } from './artifacts';
import type { CatalogEntry } from '../artifacts';
import { detectDataContract } from '../datacontract/detect';
import { dagFactoryFolders, detectPipelineFile, insideDagFactoryFolder, isDefaultsFileName } from '../pipelines/detect';
import { eventSchemaFormat } from '../events/detect';

export interface IndexOptions {
  config?: DplensConfig;
  /** The configuration that applies to a project root, when projects have their own dplens.yml. */
  configFor?: (projectRoot: string) => DplensConfig | undefined;
  targetName?: string;
  /** profiles.yml files outside the workspace, in dbt's order; the IO layer passes them only in trusted workspaces. */
  externalProfiles?: ProfilesCandidate[];
  /** Summaries kept from an earlier session, keyed by content (the language server's persisted cache). */
  summaryStore?: SummaryStore;
  /** False to skip the schema checks of YAML files, for an index whose rules do not read them (the start-up preview). */
  yamlChecks?: boolean;
  /**
   * The environment variables dag-factory expands in pipeline files before parsing them. The core reads no
   * process.env: the CLI and server shells pass it; without it, `$VARIABLES` stay as written.
   */
  environment?: Readonly<Record<string, string | undefined>>;
}

export interface UpdateResult {
  /** Files whose summaries were recomputed. */
  reanalysed: string[];
  /** Files whose file-scope rules must run again. */
  affected: string[];
  /** Whether edges changed, so project-scope rules must run again. */
  graphChanged: boolean;
  /** True when a project file changed and the whole index was rebuilt. */
  rebuilt: boolean;
}

interface FileEntry {
  kind: FileKind;
  /** The file's first owner ('' for a contract or pipeline file outside every project). */
  projectId: string;
  /**
   * The other projects whose resource folders include the file (a folder several projects list, as spellbook's
   * subprojects list `../../sources`): dbt parses it in each, so each gets its own nodes from it.
   */
  alsoIn?: string[];
}

const PROJECT_LEVEL_KINDS: FileKind[] = ['dbt-project', 'packages', 'profiles', 'dplens-config'];

export class WorkspaceIndex implements ProjectIndex {
  projects = new Map<string, DbtProject>();
  /** Every project owning a path (projects.ts `ownersLookup`), for the projects loaded last. */
  private owners: ReturnType<typeof ownersLookup> = () => [];
  projectFileErrors = new Map<string, SyntaxIssue[]>();
  private texts = new Map<string, string>();
  private entries = new Map<string, FileEntry>();
  /** Seed files, kept apart so the exceptions seed is found without visiting every file. */
  private readonly seeds = new Set<string>();
  private summaries = new Map<string, FileSummary>();
  private nodesByFile = new Map<string, string[]>();
  private propertiesByProject = new Map<string, PropertiesLookup>();
  private graph!: ProjectGraph;
  private macros!: MacroRendering;
  private readonly artifacts = new ProjectArtifacts((path) => this.texts.get(path));

  private constructor(private readonly options: IndexOptions) {}

  /** Builds the index from every file the IO layer read (path → text; paths POSIX, workspace-relative). */
  static build(files: ReadonlyMap<string, string>, options: IndexOptions = {}): WorkspaceIndex {
    const index = new WorkspaceIndex(options);
    index.texts = new Map(files);
    index.rebuild();
    return index;
  }

  private revisionCounter = 0;

  get revision(): number {
    return this.revisionCounter;
  }

  private rebuild(): void {
    this.revisionCounter++;
    const loaded = loadProjects(this.texts, this.options);
    this.projects = new Map(loaded.projects.map((project) => [project.id, project]));
    // Which projects own a path depends on the projects alone: built once here, not on each edit of a file.
    this.owners = ownersLookup([...this.projects.values()]);
    this.projectFileErrors = loaded.errors;
    this.entries.clear();
    this.seeds.clear();
    this.summaries.clear();
    this.nodesByFile.clear();
    this.propertiesByProject.clear();
    const byName = new Map<string, DbtProject>();
    for (const project of this.projects.values()) if (!byName.has(project.name) || !project.isPackage) byName.set(project.name, project);
    const searchOrders = new Map<string, string[]>();
    this.graph = new ProjectGraph((packageName) => {
      let order = searchOrders.get(packageName);
      if (!order) {
        const project = byName.get(packageName);
        order = project ? this.reachablePackages(project.id) : [packageName];
        searchOrders.set(packageName, order);
      }
      return order;
    });
    this.pipelineFolders = dagFactoryFolders(this.texts);
    for (const path of this.texts.keys()) {
      const entry = this.classify(path, this.owners);
      if (entry) this.setEntry(path, entry);
    }
    for (const [path, entry] of this.entries) this.summarize(path, entry);
    for (const project of this.projects.values()) this.propertiesByProject.set(project.id, new Map());
    for (const summary of this.summaries.values()) {
      if (summary.kind !== 'properties') continue;
      for (const projectId of ownerIds(this.entries.get(summary.path)!)) {
        const lookup = this.propertiesByProject.get(projectId);
        if (lookup) addPropertiesEntries(lookup, summary.path, summary.properties);
      }
    }
    for (const path of this.summaries.keys()) this.addNodesOf(path);
    this.macros = new MacroRendering(this, (project) => this.configOf(project)?.target?.schema);
    this.macros.addMacroDependencies(this.graph.nodes());
    this.graph.resolveAll();
  }

  private classify(path: string, owners: ReturnType<typeof ownersLookup>): FileEntry | undefined {
    const all = owners(path);
    const found = all[0];
    // Data contracts and dag-factory files are checked wherever they are, inside a dbt project or not; outside one they belong to none.
    if (!found) {
      if (insideIgnoredFolder(path)) return undefined;
      if (this.isEventSchema(path)) return { kind: 'event-schema', projectId: '' };
      if (this.isDataContract(path)) return { kind: 'data-contract', projectId: '' };
      return this.isPipeline(path) ? { kind: 'pipeline', projectId: '' } : undefined;
    }
    // A node_modules, target or .git folder inside a project is no part of it (the IO layer never reads
    // one); without this, a dbt_project.yml copied into target/ would count as a file of the project.
    const root = found.project.root;
    if (insideIgnoredFolder(root !== '' && isUnder(path, root) ? path.slice(root.length + 1) : path)) return undefined;
    // Event schemas are JSON files, which no dbt resource folder holds: they are event schemas wherever they are.
    if (this.isEventSchema(path)) return { kind: 'event-schema', projectId: found.project.id };
    const byName = kindByName(path);
    if (byName && !found.resource) return { kind: byName, projectId: found.project.id };
    if (!found.resource) {
      if (this.isDataContract(path)) return { kind: 'data-contract', projectId: found.project.id };
      return this.isPipeline(path) ? { kind: 'pipeline', projectId: found.project.id } : undefined;
    }
    // Installed packages contribute their models, seeds, snapshots and macros, not their tests or analyses.
    if (found.project.isPackage && (found.resource === 'tests' || found.resource === 'analyses')) return undefined;
    const kind = kindInResourceFolder(found.resource, path);
    // A contract kept beside the models (models/orders.odcs.yaml) is no dbt properties file.
    if (kind === 'properties' && this.isDataContract(path)) return { kind: 'data-contract', projectId: found.project.id };
    if (!kind) return undefined;
    const alsoIn = all.slice(1).filter((other) => !(other.project.isPackage && (other.resource === 'tests' || other.resource === 'analyses')));
    return alsoIn.length > 0 ? { kind, projectId: found.project.id, alsoIn: alsoIn.map((other) => other.project.id) } : { kind, projectId: found.project.id };
  }

  /** Whether a YAML file is a data contract, by its name or the shape of its top-level lines (no parse). */
  private isDataContract(path: string): boolean {
    const lower = path.toLowerCase();
    if (!lower.endsWith('.yml') && !lower.endsWith('.yaml')) return false;
    return detectDataContract(path, this.texts.get(path) ?? '') !== undefined;
  }

  /** Whether a file is an Avro schema, or a JSON Schema under the workspace's `events.jsonSchemas` globs. */
  private isEventSchema(path: string): boolean {
    return eventSchemaFormat(path, this.options.config?.events) !== undefined;
  }

  /** Folders holding a dag-factory defaults.yml: every YAML file below them is loaded by dag-factory. */
  private pipelineFolders: string[] = [];

  /**
   * Whether a YAML file that is no dbt file nor contract is a dag-factory file: a defaults.yml, a file with a DAG's
   * shape (no parse), or any YAML in a folder dag-factory loads (core/pipelines/detect.ts).
   */
  private isPipeline(path: string): boolean {
    const text = this.texts.get(path) ?? '';
    if (detectPipelineFile(path, text) !== undefined) return true;
    return /\.ya?ml$/i.test(path) && insideDagFactoryFolder(path, this.pipelineFolders);
  }

  private summarize(path: string, entry: FileEntry): FileSummary {
    // A data contract outside every dbt project has no project, and its summary does not depend on a dialect.
    const owner = this.projects.get(entry.projectId);
    const project = owner ?? { dialect: 'bigquery' as const };
    // Seeds are data: their rows are never needed, so their text is not analysed.
    const text = entry.kind === 'seed' ? '' : this.texts.get(path) ?? '';
    // Larger files are read only for what the graph needs (dplens.yml `limits.maxFileBytes`).
    const maxFileBytes = maxFileBytesOf(owner ? this.configOf(owner) : this.options.config);
    // Empty files share one precomputed analysis; storing them would cost more than recomputing.
    const store = text === '' ? undefined : this.options.summaryStore;
    let summary = store?.get(path, text, entry.kind, project.dialect);
    if (summary && !summaryFitsLimit(summary, text, maxFileBytes)) summary = undefined;
    if (!summary) {
      summary = summarizeFile(path, text, entry.kind, project.dialect, { yamlChecks: this.options.yamlChecks !== false, environment: this.options.environment, maxFileBytes });
      store?.set(path, text, entry.kind, project.dialect, summary);
    }
    this.summaries.set(path, summary);
    return summary;
  }

  private addNodesOf(path: string): GraphNode[] {
    const summary = this.summaries.get(path);
    const entry = this.entries.get(path);
    if (!summary || !entry || summary.kind === 'data-contract' || summary.kind === 'pipeline' || summary.kind === 'event-schema') return [];
    const nodes = this.nodesIn(entry.projectId, summary);
    // Every other owner parses the file too: its nodes are copies of the first owner's, in the same order.
    const originals = [...nodes];
    for (const projectId of entry.alsoIn ?? []) {
      this.nodesIn(projectId, summary).forEach((copy, position) => {
        const original = originals[position];
        // Two projects of the same name would give the copy the original's id; dbt would refuse them anyway.
        if (!original || copy.uniqueId === original.uniqueId) return;
        copy.copyOf = original.uniqueId;
        (original.sharedWith ??= []).push(copy.uniqueId);
        nodes.push(copy);
      });
    }
    for (const node of nodes) this.graph.add(node);
    if (nodes.length > 0) this.nodesByFile.set(path, nodes.map((node) => node.uniqueId));
    else this.nodesByFile.delete(path);
    return nodes;
  }

  /** The nodes one project derives from a file. */
  private nodesIn(projectId: string, summary: FileSummary): GraphNode[] {
    const project = this.projects.get(projectId);
    if (!project) return [];
    return summary.kind === 'properties'
      ? nodesForProperties(project, summary.path, summary.properties)
      : nodesForFile(project, summary, this.propertiesByProject.get(project.id) ?? new Map());
  }

  /**
   * Applies an edit (or a new file). Only the edited file is re-summarised; graph nodes are
   * re-derived only where the summary changed what they are built from.
   */
  updateFile(path: string, text: string): UpdateResult {
    this.revisionCounter++;
    const previousText = this.texts.get(path);
    return this.widenForRuleInputs(path, previousText !== text, this.applyUpdate(path, text));
  }

  private applyUpdate(path: string, text: string): UpdateResult {
    const previousText = this.texts.get(path);
    this.texts.set(path, text);
    if (path.endsWith('.json')) {
      this.artifacts.invalidate(path);
      // Project rules read the catalog (sizes, column types) and report an artifact caught mid-write, so a
      // rewritten artifact calls for a project pass, though no graph edge changed.
      const artifact = basename(path) === 'manifest.json' || basename(path) === 'catalog.json';
      return { reanalysed: [], affected: [], graphChanged: artifact && previousText !== text, rebuilt: false };
    }
    const kind = kindByName(path);
    if (kind && PROJECT_LEVEL_KINDS.includes(kind)) return this.rebuildAll();
    // A dag-factory defaults file decides which YAML files below it are pipelines: rare to edit, so everything is reclassified.
    if (isDefaultsFileName(path) && dagFactoryFolders([[path, text]]).length !== dagFactoryFolders([[path, previousText ?? '']]).length) return this.rebuildAll();
    let entry = this.entries.get(path);
    if (!entry) {
      entry = this.classify(path, this.owners);
      if (!entry) return { reanalysed: [], affected: [], graphChanged: false, rebuilt: false };
      this.setEntry(path, entry);
    } else if (previousText === text) {
      return { reanalysed: [], affected: [], graphChanged: false, rebuilt: false };
    } else if (entry.kind === 'properties' || entry.kind === 'data-contract' || entry.kind === 'pipeline') {
      // An edit can turn a properties file into a contract or back (its `apiVersion:` line typed or deleted): rare,
      // and a properties file feeds graph nodes, so the whole index is rebuilt then.
      if (this.classify(path, this.owners)?.kind !== entry.kind) return this.rebuildAll();
    }
    const previous = this.summaries.get(path);
    const summary = this.summarize(path, entry);
    const signature = graphSignature(summary, text);
    if (previous && previousText !== undefined && signature !== undefined && signature === graphSignature(previous, previousText) && summary.kind !== 'macro') {
      this.replaceNodesInPlace(path);
      return { reanalysed: [path], affected: [path], graphChanged: false, rebuilt: false };
    }
    if (summary.kind === 'macro' || previous?.kind === 'macro') return this.macrosChanged(path);
    return this.refreshNodes(path, entry, summary);
  }

  /**
   * The file's nodes keep their names, dependencies and configuration: only positions moved.
   * Swap in the re-derived nodes without touching any other node.
   */
  private replaceNodesInPlace(path: string): void {
    const previous = new Map(this.fileNodes(path, true).map((node) => [node.uniqueId, node]));
    for (const id of previous.keys()) this.graph.remove(id);
    const nodes = this.addNodesOf(path);
    for (const node of nodes) {
      // Dependencies found by rendering macros are carried over: the macro calls are unchanged.
      const old = previous.get(node.uniqueId);
      if (old) node.dependencies.push(...old.dependencies.filter((dependency) => dependency.viaMacro));
      this.graph.resolveNode(node);
    }
  }

  /** A macro changed: what it produces may differ, so models calling macros are rendered again. */
  private macrosChanged(path: string): UpdateResult {
    this.macros.invalidate();
    const affected = new Set<string>([path]);
    for (const [file, summary] of this.summaries) {
      if (!isSqlSummary(summary) || summary.kind === 'macro' || summary.jinja.macroCalls.length === 0) continue;
      this.dropNodesOf(file, affected);
      const nodes = this.addNodesOf(file);
      this.macros.addMacroDependencies(nodes);
      for (const node of nodes) this.graph.resolveNode(node);
      affected.add(file);
    }
    return { reanalysed: [path], affected: [...affected], graphChanged: true, rebuilt: false };
  }

  removeFile(path: string): UpdateResult {
    this.revisionCounter++;
    return this.widenForRuleInputs(path, this.texts.has(path), this.applyRemoval(path));
  }

  /**
   * dbt-project-evaluator's exceptions seed is no part of the graph, but it decides which findings every file
   * has: a change to it re-checks every file (a rare edit, and cheaper than a rebuild).
   */
  private widenForRuleInputs(path: string, changed: boolean, result: UpdateResult): UpdateResult {
    // A dag-factory defaults file is merged into every DAG below it, so their findings may change with it.
    if (changed && !result.rebuilt && isDefaultsFileName(path) && this.texts.has(path) && this.entries.get(path)?.kind === 'pipeline') {
      const pipelines = [...this.entries].filter(([, entry]) => entry.kind === 'pipeline').map(([file]) => file);
      return { ...result, affected: [...new Set([...result.affected, ...pipelines])] };
    }
    if (!changed || result.rebuilt || basename(path) !== EVALUATOR_EXCEPTIONS_SEED) return result;
    return { ...result, affected: [...this.summaries.keys()], graphChanged: true };
  }

  private applyRemoval(path: string): UpdateResult {
    const hadText = this.texts.delete(path);
    if (path.endsWith('.json')) {
      // A deleted catalog takes its sizes and column types with it, and a report that it was cut off.
      this.artifacts.invalidate(path);
      return { reanalysed: [], affected: [], graphChanged: hadText && (basename(path) === 'manifest.json' || basename(path) === 'catalog.json'), rebuilt: false };
    }
    const kind = kindByName(path);
    if (kind && PROJECT_LEVEL_KINDS.includes(kind)) return this.rebuildAll();
    const entry = this.entries.get(path);
    if (!entry) return { reanalysed: [], affected: [], graphChanged: false, rebuilt: false };
    this.entries.delete(path);
    this.seeds.delete(path);
    const affected = new Set<string>();
    const hadNodes = (this.nodesByFile.get(path) ?? []).length > 0;
    const changedNames = this.dropNodesOf(path, affected);
    this.summaries.delete(path);
    // The models a deleted properties file configured lose that configuration, so their nodes are re-derived.
    if (entry.kind === 'properties') this.rederive(ownerIds(entry).flatMap((projectId) => this.propertiesChanged(projectId, path)), path, affected, changedNames);
    // Removing nodes changes the graph even when nothing depended on them: project rules (coverage, unused
    // sources) must run again, or their findings about the deleted file would stay.
    const graphChanged = this.reresolve(changedNames, affected) || hadNodes;
    if (hadNodes) this.addUnresolvedFiles(affected);
    affected.delete(path);
    return { reanalysed: [], affected: [...affected], graphChanged, rebuilt: false };
  }

  private rebuildAll(): UpdateResult {
    this.rebuild();
    return { reanalysed: [...this.summaries.keys()], affected: [...this.summaries.keys()], graphChanged: true, rebuilt: true };
  }

  private refreshNodes(path: string, entry: FileEntry, summary: FileSummary): UpdateResult {
    const affected = new Set<string>([path]);
    const namesBefore = this.nodeNamesOf(path);
    const dependents = this.dropNodesOf(path, affected);
    let rederive: string[] = [];
    if (summary.kind === 'properties') rederive = [...new Set(ownerIds(entry).flatMap((projectId) => this.propertiesChanged(projectId, summary.path)))];
    const added = this.addNodesOf(path);
    this.macros.addMacroDependencies(added);
    this.rederive(rederive, path, affected, dependents);
    for (const node of added) dependents.push(...this.graph.dependentsOfName(node));
    for (const node of added) {
      this.graph.resolveNode(node);
      for (const parent of this.graph.parents(node.uniqueId)) this.addFileOf(parent, affected);
    }
    this.reresolve(dependents, affected);
    if (this.nodeNamesOf(path) !== namesBefore) this.addUnresolvedFiles(affected);
    return { reanalysed: [path], affected: [...affected], graphChanged: true, rebuilt: false };
  }

  /**
   * Re-derives the nodes of files whose properties entries changed. The nodes that name them are
   * collected into `dependents`: a re-derived node can change what their refs resolve to
   * (disabled, or turned into a versioned model).
   */
  private rederive(files: string[], skip: string, affected: Set<string>, dependents: string[]): void {
    for (const file of files) {
      if (file === skip) continue;
      dependents.push(...this.dropNodesOf(file, affected));
      const nodes = this.addNodesOf(file);
      this.macros.addMacroDependencies(nodes);
      for (const node of nodes) {
        this.graph.resolveNode(node);
        dependents.push(...this.graph.dependentsOfName(node));
      }
      affected.add(file);
    }
  }

  /** The names a file defines, as one comparable string, to notice when names appear or disappear. */
  private nodeNamesOf(path: string): string {
    return (this.nodesByFile.get(path) ?? []).join('\n');
  }

  /**
   * Files with unresolved refs or sources. Their messages suggest the closest existing name
   * (or say that a source is missing altogether), so they change whenever names appear or disappear.
   */
  private addUnresolvedFiles(affected: Set<string>): void {
    for (const node of this.graph.nodes()) {
      if (node.dependencies.some((dependency) => !dependency.target && !dependency.dynamic)) this.addFileOf(node.uniqueId, affected);
    }
  }

  /** Removes a file's nodes; returns the ids of nodes that named them, which need re-resolving. */
  private dropNodesOf(path: string, affected: Set<string>): string[] {
    const dependents: string[] = [];
    for (const id of this.nodesByFile.get(path) ?? []) {
      for (const parent of this.graph.parents(id)) this.addFileOf(parent, affected);
      for (const child of this.graph.children(id)) this.addFileOf(child, affected);
      dependents.push(...this.graph.remove(id));
    }
    this.nodesByFile.delete(path);
    return dependents;
  }

  private reresolve(ids: string[], affected: Set<string>): boolean {
    let changed = false;
    for (const id of new Set(ids)) {
      const node = this.graph.node(id);
      if (!node) continue;
      if (this.graph.resolveNode(node)) changed = true;
      this.addFileOf(id, affected);
    }
    return changed || ids.length > 0;
  }

  private addFileOf(uniqueId: string, affected: Set<string>): void {
    const node = this.graph.node(uniqueId);
    if (node?.file) affected.add(node.file);
    else if (node?.properties) affected.add(node.properties.file);
  }

  /** Updates the properties lookup after a properties file changed; returns files whose nodes must be re-derived. */
  private propertiesChanged(projectId: string, propertiesPath: string): string[] {
    const before = this.propertiesByProject.get(projectId) ?? new Map();
    const after = this.rebuildPropertiesLookup(projectId);
    const changedKeys = new Set<string>();
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(key);
      const b = after.get(key);
      if ((a?.file === propertiesPath || b?.file === propertiesPath) && JSON.stringify(a) !== JSON.stringify(b)) changedKeys.add(key);
    }
    const files = new Set<string>();
    for (const key of changedKeys) {
      const name = key.slice(key.indexOf(':') + 1);
      for (const [file, ids] of this.nodesByFile) {
        if (ids.some((id) => this.graph.node(id)?.name === name && this.graph.node(id)?.projectId === projectId)) files.add(file);
      }
      // A new properties entry can also turn an existing file into a version of a model.
      for (const [file, fileSummary] of this.summaries) {
        if (fileSummary.kind === 'model' && this.isOwnedBy(file, projectId) && file.includes(`${name}_v`)) files.add(file);
      }
    }
    return [...files];
  }

  private rebuildPropertiesLookup(projectId: string): PropertiesLookup {
    const lookup: PropertiesLookup = new Map();
    for (const summary of this.summaries.values()) {
      if (summary.kind === 'properties' && this.isOwnedBy(summary.path, projectId)) addPropertiesEntries(lookup, summary.path, summary.properties);
    }
    this.propertiesByProject.set(projectId, lookup);
    return lookup;
  }

  // The read-only view used by rules and shells.

  file(path: string): FileSummary | undefined {
    return this.summaries.get(path);
  }

  files(): IterableIterator<FileSummary> {
    return this.summaries.values();
  }

  seedFiles(): Iterable<string> {
    return this.seeds;
  }

  private setEntry(path: string, entry: FileEntry): void {
    this.entries.set(path, entry);
    if (entry.kind === 'seed') this.seeds.add(path);
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  fileKind(path: string): FileKind | undefined {
    return this.entries.get(path)?.kind;
  }

  /** The file's first owner; `projectsOf` gives every project whose paths include it. */
  projectOf(path: string): DbtProject | undefined {
    const entry = this.entries.get(path);
    return entry ? this.projects.get(entry.projectId) : undefined;
  }

  /** Every project that parses the file, the first owner first: several when projects share a folder. */
  projectsOf(path: string): DbtProject[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const projects: DbtProject[] = [];
    for (const projectId of ownerIds(entry)) {
      const project = this.projects.get(projectId);
      if (project) projects.push(project);
    }
    return projects;
  }

  private isOwnedBy(path: string, projectId: string): boolean {
    const entry = this.entries.get(path);
    return entry !== undefined && (entry.projectId === projectId || (entry.alsoIn?.includes(projectId) ?? false));
  }

  node(uniqueId: string): GraphNode | undefined {
    return this.graph.node(uniqueId);
  }

  nodes(): IterableIterator<GraphNode> {
    return this.graph.nodes();
  }

  /**
   * The nodes a file defines in its first owner. The copies other owners of a shared file have are left out, so a
   * rule reports on the file once; each node's `sharedWith` names them.
   */
  nodesOfFile(path: string): GraphNode[] {
    return this.fileNodes(path, false);
  }

  private fileNodes(path: string, withCopies: boolean): GraphNode[] {
    // Asked for by most rules for every file: one array, no intermediate ones.
    const ids = this.nodesByFile.get(path);
    const nodes: GraphNode[] = [];
    if (ids) {
      for (const id of ids) {
        const node = this.graph.node(id);
        if (node && (withCopies || node.copyOf === undefined)) nodes.push(node);
      }
    }
    return nodes;
  }

  parents(uniqueId: string): string[] {
    return this.graph.parents(uniqueId);
  }

  children(uniqueId: string): string[] {
    return this.graph.children(uniqueId);
  }

  cycles(): string[][] {
    return this.graph.cycles();
  }

  refableNames(projectId: string): string[] {
    const names = new Set<string>();
    for (const name of this.reachablePackages(projectId)) for (const key of this.graph.refableIn(name)?.keys() ?? []) names.add(key);
    return [...names];
  }

  sourceTables(projectId: string): { source: string; table: string }[] {
    const result: { source: string; table: string }[] = [];
    for (const name of this.reachablePackages(projectId)) {
      for (const node of this.graph.sourcesIn(name)?.values() ?? []) result.push({ source: node.sourceName!, table: node.tableName! });
    }
    return result;
  }

  /**
   * The relation a node builds or reads, as dbt names it. Models, seeds and snapshots follow
   * `generate_schema_name`/`generate_alias_name` (the project's overrides rendered in the sandbox, else
   * dbt's defaults with the target schema from dplens.yml `target:`); sources use their declared names.
   * The schema is undefined when it depends on a target schema nobody gave.
   */
  relationOf(uniqueId: string): { database?: string; schema?: string; identifier: string } | undefined {
    const node = this.graph.node(uniqueId);
    if (!node) return undefined;
    if (node.resourceType === 'source' || node.resourceType === 'exposure') return node.relation;
    const project = this.projects.get(node.projectId);
    const target = project ? this.configOf(project)?.target : this.options.config?.target;
    const names = this.macros.relationNames(node);
    const database = typeof node.config.database === 'string' ? node.config.database : target?.database;
    return { database, schema: names.schema, identifier: names.identifier };
  }

  /** The configuration that applies to a project: its own dplens.yml over the workspace's, or the workspace's. */
  configOf(project: DbtProject): DplensConfig | undefined {
    const root = project.installedBy ? this.projects.get(project.installedBy) ?? project : project;
    return this.options.configFor?.(root.root) ?? this.options.config;
  }

  /** The configuration that applies to a file: its project's, else the workspace's. */
  configAt(path: string): DplensConfig | undefined {
    const project = this.projectOf(path);
    return project ? this.configOf(project) : this.options.config;
  }

  /** What dbt's catalog says of a node (warehouse column types, table statistics), if a catalog was built. */
  catalogEntry(uniqueId: string): CatalogEntry | undefined {
    const node = this.graph.node(uniqueId);
    const project = node ? this.projects.get(node.projectId) : undefined;
    const root = project?.installedBy ? this.projects.get(project.installedBy) : project;
    return root ? this.artifacts.catalogEntry(root, uniqueId) : undefined;
  }

  catalogInfo(uniqueId: string): { file: string; generatedAt?: string } | undefined {
    const node = this.graph.node(uniqueId);
    const project = node ? this.projects.get(node.projectId) : undefined;
    const root = project?.installedBy ? this.projects.get(project.installedBy) : project;
    const read = root ? this.artifacts.catalog(root) : undefined;
    return read ? { file: read.status.file, generatedAt: read.catalog.generatedAt } : undefined;
  }

  artifactStatuses(): ArtifactStatus[] {
    const statuses: ArtifactStatus[] = [];
    for (const project of this.projects.values()) {
      if (project.installedBy) continue;
      const catalog = this.artifacts.catalog(project)?.status;
      const manifest = this.artifacts.manifestStatus(project);
      for (const status of [manifest, catalog]) if (status) statuses.push(status);
    }
    return statuses;
  }

  macroRenderFailure(uniqueId: string): { macro: string; message: string } | undefined {
    return this.macros.failures.get(uniqueId);
  }

  hasMacro(projectId: string, name: string): boolean {
    return this.macros.hasMacro(projectId, name);
  }

  /** The package names a project's refs can reach: itself, its root project, and installed packages. */
  reachablePackages(projectId: string): string[] {
    const project = this.projects.get(projectId);
    if (!project) return [];
    const root = project.installedBy ? this.projects.get(project.installedBy) : project;
    const names = [project.name];
    if (root && root.name !== project.name) names.push(root.name);
    for (const other of this.projects.values()) {
      if (other.installedBy === root?.id && !names.includes(other.name)) names.push(other.name);
    }
    return names;
  }

  get macroRendering(): MacroRendering {
    return this.macros;
  }
}

/** The projects owning a file entry, the first owner first. */
function ownerIds(entry: FileEntry): string[] {
  return entry.alsoIn ? [entry.projectId, ...entry.alsoIn] : [entry.projectId];
}
