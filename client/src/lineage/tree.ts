/**
 * The Explorer's "Lineage" view: the upstream and downstream of the model in the active editor. Each expansion
 * asks the server for the next hops, so the tree never holds more of the graph than the user opened.
 */
import * as vscode from 'vscode';
import { openNode } from './panel';
import type { LineageDocument } from './protocol';
import type { RequestLineage } from './request';
import { describe, neighbours, TREE_HOPS, type Direction, type TreeEntry } from './tree-model';

export const LINEAGE_VIEW = 'dplens.lineage';
export const REFRESH_LINEAGE_COMMAND = 'dplens.refreshLineage';
export const OPEN_NODE_COMMAND = 'dplens.openLineageNode';

/** Editors whose documents can define a model; other editors leave the view as it was. */
const MODEL_LANGUAGES = new Set(['sql', 'jinja-sql', 'python']);

type Element =
  | { type: 'group'; direction: Direction; graph: LineageDocument }
  /** `lineageId` lets "Show Lineage Graph" in the item's context menu know which model was clicked. */
  | { type: 'node'; entry: TreeEntry; graph: LineageDocument; path: string; lineageId: string };

export class LineageTree implements vscode.TreeDataProvider<Element>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Element>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private graph: LineageDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly request: RequestLineage) {
    this.view = vscode.window.createTreeView(LINEAGE_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.view.message = 'Open a model to see its upstream and downstream.';
    this.subscriptions.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      this.view.onDidChangeVisibility(() => this.schedule()),
      // Diagnostics change after the index is built and after each analysed edit, which is when the graph may change.
      vscode.languages.onDidChangeDiagnostics(() => this.schedule(500)),
      vscode.commands.registerCommand(REFRESH_LINEAGE_COMMAND, () => this.refresh()),
      vscode.commands.registerCommand(OPEN_NODE_COMMAND, (element: Element) => element?.type === 'node' && openNode(element.entry.node, element.graph)),
    );
    this.schedule();
  }

  /** Refreshes after `delay`, so switching through several editors asks the server once. */
  private schedule(delay = 150): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!this.view.visible || !document || document.uri.scheme !== 'file' || !MODEL_LANGUAGES.has(document.languageId)) return;
    try {
      this.graph = await this.request({ uri: document.uri.toString(), upstream: TREE_HOPS, downstream: TREE_HOPS });
      this.view.message = undefined;
      this.view.description = this.graph.root;
    } catch (error) {
      this.graph = undefined;
      this.view.message = error instanceof Error ? error.message : String(error);
      this.view.description = undefined;
    }
    this.changed.fire();
  }

  getTreeItem(element: Element): vscode.TreeItem {
    if (element.type === 'group') {
      const count = neighbours(element.graph, element.graph.root, element.direction).length;
      const item = new vscode.TreeItem(element.direction === 'upstream' ? 'Upstream' : 'Downstream', count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = element.direction;
      item.description = count === 0 ? 'none' : `${count} direct`;
      item.iconPath = new vscode.ThemeIcon(element.direction === 'upstream' ? 'arrow-up' : 'arrow-down');
      return item;
    }
    const { node, hasMore } = element.entry;
    const item = new vscode.TreeItem(node.id, hasMore ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    // The path from the root keeps each item's id stable across refreshes, so VS Code keeps what was expanded.
    item.id = element.path;
    item.description = describe(node);
    item.tooltip = [node.id, describe(node), node.file].filter(Boolean).join('\n');
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind] ?? 'symbol-misc');
    item.contextValue = 'dplens.lineageNode';
    if (node.file) item.command = { command: OPEN_NODE_COMMAND, title: 'Open', arguments: [element] };
    return item;
  }

  async getChildren(element?: Element): Promise<Element[]> {
    const graph = this.graph;
    if (!element) return graph ? [{ type: 'group', direction: 'upstream', graph }, { type: 'group', direction: 'downstream', graph }] : [];
    if (element.type === 'group') return this.nodes(element.graph, element.graph.root, element.direction, element.direction);
    const { node, direction } = element.entry;
    try {
      // The node's own neighbourhood, asked in its workspace folder, so the next level knows what can expand.
      const hops = direction === 'upstream' ? { upstream: TREE_HOPS, downstream: 0 } : { upstream: 0, downstream: TREE_HOPS };
      const around = await this.request({ uri: element.graph.workspaceUri, model: node.id, ...hops });
      return this.nodes(around, node.id, direction, element.path);
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return [];
    }
  }

  private nodes(graph: LineageDocument, id: string, direction: Direction, path: string): Element[] {
    return neighbours(graph, id, direction).map((entry) => ({ type: 'node', entry, graph, path: `${path}/${entry.node.id}`, lineageId: entry.node.id }));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

const ICONS: Record<string, string> = {
  model: 'symbol-class',
  source: 'database',
  seed: 'table',
  snapshot: 'history',
  exposure: 'eye',
  analysis: 'graph',
};
