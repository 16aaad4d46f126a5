/**
 * The project graph: lookups by name, resolution of ref() and source(), edges, and cycles.
 *
 * Resolution follows dbt-core: a ref without a package looks in the calling node's package, then in the
 * root project, then in any installed package; an unversioned ref to a versioned model means its latest version.
 */
import type { Dependency, GraphNode } from './index-types';

export class ProjectGraph {
  private readonly byId = new Map<string, GraphNode>();
  /** package → name → nodes (several for versioned models). */
  private readonly refable = new Map<string, Map<string, GraphNode[]>>();
  /** package → `source.table` → node. */
  private readonly sourcesByPackage = new Map<string, Map<string, GraphNode>>();
  private readonly parentIds = new Map<string, string[]>();
  private readonly childIds = new Map<string, Set<string>>();
  /** Names each node depends on, to find the nodes to re-resolve when a name appears or disappears. */
  private readonly dependentsByName = new Map<string, Set<string>>();
  /** Cycles found so far, and the nodes whose edges changed since: cycles are re-examined only around them. */
  private cycleCache: string[][] | undefined;
  private readonly dirty = new Set<string>();

  constructor(
    /** The packages a node of a package can reach, in search order: itself, its root project, the root's packages. */
    private readonly searchOrder: (packageName: string) => string[],
  ) {}

  node(uniqueId: string): GraphNode | undefined {
    return this.byId.get(uniqueId);
  }

  nodes(): IterableIterator<GraphNode> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  parents(uniqueId: string): string[] {
    return this.parentIds.get(uniqueId) ?? [];
  }

  children(uniqueId: string): string[] {
    return [...(this.childIds.get(uniqueId) ?? [])];
  }

  refableIn(packageName: string): Map<string, GraphNode[]> | undefined {
    return this.refable.get(packageName);
  }

  sourcesIn(packageName: string): Map<string, GraphNode> | undefined {
    return this.sourcesByPackage.get(packageName);
  }

  /** Adds nodes without resolving them; call `resolveAll` or `resolveNodes` afterwards. */
  add(node: GraphNode): void {
    this.byId.set(node.uniqueId, node);
    this.dirty.add(node.uniqueId);
    if (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') {
      const names = mapFor(this.refable, node.packageName);
      const list = names.get(node.name) ?? [];
      list.push(node);
      names.set(node.name, list);
    } else if (node.resourceType === 'source') {
      mapFor(this.sourcesByPackage, node.packageName).set(`${node.sourceName}.${node.tableName}`, node);
    }
  }

  /** Removes a node and its outgoing edges; returns the ids of nodes that depended on it. */
  remove(uniqueId: string): string[] {
    const node = this.byId.get(uniqueId);
    if (!node) return [];
    this.setParents(uniqueId, []);
    this.dirty.add(uniqueId);
    this.forgetNames(node);
    this.byId.delete(uniqueId);
    const names = this.refable.get(node.packageName);
    const list = names?.get(node.name);
    if (list) {
      const kept = list.filter((candidate) => candidate.uniqueId !== uniqueId);
      if (kept.length > 0) names!.set(node.name, kept);
      else names!.delete(node.name);
    }
    if (node.resourceType === 'source') this.sourcesByPackage.get(node.packageName)?.delete(`${node.sourceName}.${node.tableName}`);
    return [...(this.dependentsByName.get(nameKey(node)) ?? [])];
  }

  /** The ids of nodes whose dependencies name this node's name, resolved or not. */
  dependentsOfName(node: GraphNode): string[] {
    return [...(this.dependentsByName.get(nameKey(node)) ?? [])];
  }

  resolveAll(): void {
    for (const node of this.byId.values()) this.resolveNode(node);
  }

  /** Resolves a node's dependencies and updates its edges; returns whether its parents changed. */
  resolveNode(node: GraphNode): boolean {
    this.forgetNames(node);
    const parents: string[] = [];
    for (const dependency of node.dependencies) {
      const key = dependency.kind === 'ref' ? `ref:${dependency.name}` : `source:${dependency.name}`;
      let set = this.dependentsByName.get(key);
      if (!set) this.dependentsByName.set(key, (set = new Set()));
      set.add(node.uniqueId);
      const resolved = dependency.kind === 'ref' ? this.resolveRef(node.packageName, dependency) : this.resolveSource(node.packageName, dependency);
      dependency.target = resolved.target;
      dependency.unresolvedReason = resolved.reason;
      if (resolved.target && !parents.includes(resolved.target)) parents.push(resolved.target);
    }
    return this.setParents(node.uniqueId, parents);
  }

  resolveRef(fromPackage: string, dependency: Pick<Dependency, 'name' | 'package' | 'version'>): { target?: string; reason?: Dependency['unresolvedReason'] } {
    const packages = dependency.package ? [dependency.package] : this.searchOrder(fromPackage);
    for (const packageName of packages) {
      const candidates = this.refable.get(packageName)?.get(dependency.name);
      if (!candidates || candidates.length === 0) continue;
      const chosen = pickVersion(candidates, dependency.version);
      if (!chosen) return { reason: 'unknown-version' };
      if (!chosen.enabled) return { reason: 'disabled' };
      return { target: chosen.uniqueId };
    }
    if (dependency.package && !this.refable.has(dependency.package)) return { reason: 'unknown-package' };
    return {};
  }

  resolveSource(fromPackage: string, dependency: Pick<Dependency, 'name'>): { target?: string; reason?: Dependency['unresolvedReason'] } {
    for (const packageName of this.searchOrder(fromPackage)) {
      const node = this.sourcesByPackage.get(packageName)?.get(dependency.name);
      if (node) return node.enabled ? { target: node.uniqueId } : { reason: 'disabled' };
    }
    return {};
  }

  private setParents(uniqueId: string, parents: string[]): boolean {
    const previous = this.parentIds.get(uniqueId) ?? [];
    const changed = previous.length !== parents.length || previous.some((id, i) => id !== parents[i]);
    if (changed) this.dirty.add(uniqueId);
    for (const parent of previous) this.childIds.get(parent)?.delete(uniqueId);
    for (const parent of parents) {
      let set = this.childIds.get(parent);
      if (!set) this.childIds.set(parent, (set = new Set()));
      set.add(uniqueId);
    }
    if (parents.length > 0) this.parentIds.set(uniqueId, parents);
    else this.parentIds.delete(uniqueId);
    return changed;
  }

  private forgetNames(node: GraphNode): void {
    for (const dependency of node.dependencies) {
      const key = dependency.kind === 'ref' ? `ref:${dependency.name}` : `source:${dependency.name}`;
      const dependents = this.dependentsByName.get(key);
      if (!dependents) continue;
      dependents.delete(node.uniqueId);
      // Every name typed into a ref() while editing passes through here; an empty entry left behind for each
      // would make the server's memory grow for as long as the user types.
      if (dependents.size === 0) this.dependentsByName.delete(key);
    }
  }

  /**
   * Strongly connected components with more than one node, or a node that depends on itself: each is a
   * cycle dbt refuses to run. The first call examines the whole graph; later calls only the nodes whose
   * edges changed, because a new cycle must pass through a new edge and an old one breaks only where an edge changed.
   */
  cycles(): string[][] {
    if (!this.cycleCache) {
      this.cycleCache = this.allCycles();
      this.dirty.clear();
      return this.cycleCache;
    }
    if (this.dirty.size === 0) return this.cycleCache;
    const kept = this.cycleCache.filter((cycle) => cycle.every((id) => this.byId.has(id) && !this.dirty.has(id)));
    const covered = new Set(kept.flat());
    for (const id of this.dirty) {
      if (covered.has(id) || !this.byId.has(id)) continue;
      const component = this.componentOf(id);
      if (!component) continue;
      kept.push(component);
      for (const member of component) covered.add(member);
    }
    this.dirty.clear();
    this.cycleCache = kept;
    return kept;
  }

  /** The strongly connected component through a node when it lies on a cycle: its ancestors that are also its descendants. */
  private componentOf(id: string): string[] | undefined {
    const ancestors = this.reach(id, (node) => this.parentIds.get(node) ?? []);
    if (!ancestors.has(id)) return undefined;
    const descendants = this.reach(id, (node) => this.childIds.get(node) ?? []);
    return [...ancestors].filter((node) => descendants.has(node));
  }

  private reach(start: string, next: (id: string) => Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...next(start)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const following of next(id)) if (!seen.has(following)) stack.push(following);
    }
    return seen;
  }

  /** Iterative Tarjan over the whole graph, so deep graphs cannot overflow the stack. */
  private allCycles(): string[][] {
    const indexOf = new Map<string, number>();
    const lowLink = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result: string[][] = [];
    let counter = 0;
    for (const start of this.byId.keys()) {
      if (indexOf.has(start)) continue;
      const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
      indexOf.set(start, counter);
      lowLink.set(start, counter++);
      stack.push(start);
      onStack.add(start);
      while (work.length > 0) {
        const frame = work[work.length - 1];
        const parents = this.parentIds.get(frame.id) ?? [];
        if (frame.next < parents.length) {
          const next = parents[frame.next++];
          if (!indexOf.has(next)) {
            indexOf.set(next, counter);
            lowLink.set(next, counter++);
            stack.push(next);
            onStack.add(next);
            work.push({ id: next, next: 0 });
          } else if (onStack.has(next)) {
            lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, indexOf.get(next)!));
          }
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const caller = work[work.length - 1].id;
          lowLink.set(caller, Math.min(lowLink.get(caller)!, lowLink.get(frame.id)!));
        }
        if (lowLink.get(frame.id) === indexOf.get(frame.id)) {
          const component: string[] = [];
          let id: string;
          do {
            id = stack.pop()!;
            onStack.delete(id);
            component.push(id);
          } while (id !== frame.id);
          const selfLoop = component.length === 1 && (this.parentIds.get(component[0]) ?? []).includes(component[0]);
          if (component.length > 1 || selfLoop) result.push(component.reverse());
        }
      }
    }
    return result;
  }
}

function mapFor<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function nameKey(node: GraphNode): string {
  return node.resourceType === 'source' ? `source:${node.sourceName}.${node.tableName}` : `ref:${node.name}`;
}

function pickVersion(candidates: GraphNode[], version: string | number | undefined): GraphNode | undefined {
  if (version !== undefined) return candidates.find((node) => String(node.version) === String(version));
  const unversioned = candidates.find((node) => node.version === undefined);
  if (unversioned) return unversioned;
  const latest = candidates.find((node) => node.latestVersion !== undefined && String(node.latestVersion) === String(node.version));
  if (latest) return latest;
  return [...candidates].sort((a, b) => Number(b.version) - Number(a.version))[0];
}
