/**
 * Dependencies that only macros produce, found by rendering in the sandbox.
 *
 * A static scan cannot see `ref()` calls made inside a project macro (GitLab's `simple_cte` builds most
 * marts that way). Models that call a macro whose body can produce ref()/source() are rendered with
 * MiniJinja, with inert stand-ins for dbt's context; the recorded calls become dependencies located at
 * the macro call in the model. Nothing else is rendered, so the cost stays proportional to such models.
 */
import { macrosProducingRefs } from '../render/refs-closure';
import { defaultAliasName, defaultSchemaName } from '../render/naming';
import type { MacroSandbox } from '../render/sandbox';
import type { MacroSource } from '../render/types';

/**
 * The sandbox module compiles MiniJinja's WebAssembly when it is loaded; most checks never need it,
 * so it is loaded on the first model that does.
 */
function loadSandbox(): typeof MacroSandbox {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../render/sandbox') as typeof import('../render/sandbox')).MacroSandbox;
}
import type { DbtProject, Dependency, GraphNode, ProjectIndex } from './index-types';
import type { SqlSummary } from './summary';

interface ProjectMacros {
  /** Macro names defined by the project and its installed packages, bare and package-qualified. */
  names: Set<string>;
  sources: MacroSource[];
  producingRefs: Set<string>;
  sandbox?: MacroSandbox;
}

export class MacroRendering {
  private readonly byRootProject = new Map<string, ProjectMacros>();
  /** Models whose dependencies came from rendering, for parse-coverage reporting. */
  readonly renderedModels = new Set<string>();
  /** Models whose ref-producing macro could not be rendered: the macro's name and why, by unique id. */
  readonly failures = new Map<string, { macro: string; message: string }>();

  constructor(
    private readonly index: ProjectIndex,
    /** The target schema from dplens.yml for a project, which macros see as `target.schema`. */
    private readonly targetSchemaFor: (project: DbtProject) => string | undefined = () => undefined,
  ) {}

  private macrosFor(project: DbtProject): ProjectMacros {
    const rootId = project.installedBy ?? project.id;
    let macros = this.byRootProject.get(rootId);
    if (macros) return macros;
    const members = [...this.index.projects.values()].filter((candidate) => candidate.id === rootId || candidate.installedBy === rootId);
    const names = new Set<string>();
    const sources: MacroSource[] = [];
    for (const file of this.index.files()) {
      if (file.kind !== 'macro') continue;
      // A macro folder several projects share (spellbook's `macro-paths: ['../../dbt_macros']`) serves each of them.
      const owner = this.index.projectsOf(file.path).find((candidate) => members.includes(candidate));
      if (!owner) continue;
      for (const block of (file as SqlSummary).jinja.blocks) {
        if (block.kind !== 'macro' && block.kind !== 'test') continue;
        const name = block.kind === 'test' ? `test_${block.name}` : block.name;
        names.add(name);
        names.add(`${owner.name}.${name}`);
      }
      sources.push({ path: file.path, text: this.index.text(file.path) ?? '', packageName: owner.name });
    }
    macros = { names, sources, producingRefs: macrosProducingRefs(sources) };
    this.byRootProject.set(rootId, macros);
    return macros;
  }

  hasMacro(projectId: string, name: string): boolean {
    const project = this.index.projects.get(projectId);
    return project ? this.macrosFor(project).names.has(name) : false;
  }

  /**
   * A node's schema and alias as dbt would name them: the project's own `generate_schema_name` and
   * `generate_alias_name` rendered in the sandbox when it defines them, else dbt's defaults.
   */
  relationNames(node: GraphNode): { schema?: string; identifier: string } {
    let names = this.relationNamesByNode.get(node);
    if (!names) this.relationNamesByNode.set(node, (names = this.computeRelationNames(node)));
    return names;
  }

  /**
   * Relation names already rendered, by node object: a re-derived node is a new object, and a macro change drops them
   * all. A rule matching hard-coded names renders every node of a project, which spellbook's overrides make costly.
   */
  private relationNamesByNode = new WeakMap<GraphNode, { schema?: string; identifier: string }>();

  private computeRelationNames(node: GraphNode): { schema?: string; identifier: string } {
    const project = this.index.projects.get(node.projectId);
    const customSchema = typeof node.config.schema === 'string' ? node.config.schema : null;
    const customAlias = typeof node.config.alias === 'string' ? node.config.alias : null;
    let schema: string | undefined;
    let identifier: string | undefined;
    if (project) {
      const macros = this.macrosFor(project);
      const overridesSchema = macros.names.has('generate_schema_name');
      const overridesAlias = macros.names.has('generate_alias_name');
      if (overridesSchema || overridesAlias) {
        const sandbox = this.sandboxFor(project, macros);
        if (overridesSchema) schema = sandbox.generateSchemaName(customSchema, { name: node.name, packageName: node.packageName })?.trim();
        if (overridesAlias) identifier = sandbox.generateAliasName(customAlias, { name: node.name, version: node.version })?.trim();
      }
    }
    const targetSchema = project ? this.targetSchemaFor(project) : undefined;
    if (schema === undefined && targetSchema !== undefined) schema = defaultSchemaName(targetSchema, customSchema);
    return { schema: schema || undefined, identifier: identifier || defaultAliasName(node.name, customAlias, node.version) };
  }

  private sandboxFor(project: DbtProject, macros: ProjectMacros): MacroSandbox {
    macros.sandbox ??= loadSandbox().create(macros.sources, {
      projectName: project.installedBy ? this.index.projects.get(project.installedBy)?.name ?? project.name : project.name,
      adapter: project.adapter,
      targetSchema: this.targetSchemaFor(project),
      vars: (project.parsed.vars ?? {}) as Record<string, unknown>,
    });
    return macros.sandbox;
  }

  /** Forgets what was learnt about macros, after a macro file changed. */
  invalidate(): void {
    for (const macros of this.byRootProject.values()) macros.sandbox?.dispose();
    this.byRootProject.clear();
    this.relationNamesByNode = new WeakMap();
  }

  /** Renders the given nodes that call ref-producing macros and adds what the rendering recorded. */
  addMacroDependencies(nodes: Iterable<GraphNode>): void {
    for (const node of nodes) {
      // A re-derived node is rendered afresh: what an earlier rendering learnt no longer applies.
      this.failures.delete(node.uniqueId);
      this.renderedModels.delete(node.uniqueId);
      if (!node.file || (node.resourceType !== 'model' && node.resourceType !== 'snapshot')) continue;
      const summary = this.index.file(node.file);
      if (!summary || summary.kind === 'python-model' || !('jinja' in summary)) continue;
      const project = this.index.projects.get(node.projectId);
      if (!project) continue;
      const calls = summary.jinja.macroCalls;
      if (calls.length === 0) continue;
      const macros = this.macrosFor(project);
      const trigger = calls.find((call) => macros.producingRefs.has(call.name) || macros.producingRefs.has(`${project.name}.${call.name}`));
      if (!trigger) continue;
      this.render(node, summary, project, macros, trigger.name, trigger.span);
    }
  }

  private render(node: GraphNode, summary: SqlSummary, project: DbtProject, macros: ProjectMacros, macroName: string, at: { start: number; end: number }): void {
    const result = this.sandboxFor(project, macros).render(this.index.text(summary.path) ?? '', {
      name: node.name,
      packageName: node.packageName,
      incremental: false,
    });
    if (!result.ok && result.refs.length === 0 && result.sources.length === 0) {
      const limit = result.fuelLimit === undefined ? '' : ` of ${String(result.fuelLimit).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} steps`;
      const reason = result.fuelExhausted ? `it did not finish within the sandbox's work limit${limit}` : result.error?.message ?? 'rendering failed';
      this.failures.set(node.uniqueId, { macro: macroName, message: reason });
      return;
    }
    this.renderedModels.add(node.uniqueId);
    const known = new Set(node.dependencies.map((dependency) => `${dependency.kind}:${dependency.package ?? ''}:${dependency.name}:${dependency.version ?? ''}`));
    const added: Dependency[] = [];
    for (const ref of result.refs) {
      const key = `ref:${ref.package ?? ''}:${ref.name}:${ref.version ?? ''}`;
      if (known.has(key)) continue;
      known.add(key);
      added.push({ kind: 'ref', name: ref.name, package: ref.package, version: ref.version, file: summary.path, span: at, dynamic: false, viaMacro: macroName });
    }
    for (const source of result.sources) {
      const key = `source::${source.source}.${source.table}:`;
      if (known.has(key)) continue;
      known.add(key);
      added.push({ kind: 'source', name: `${source.source}.${source.table}`, sourceName: source.source, tableName: source.table, file: summary.path, span: at, dynamic: false, viaMacro: macroName });
    }
    node.dependencies.push(...added);
  }
}
