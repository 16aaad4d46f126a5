/**
 * The lineage graph panel: one webview, reused, showing a model two hops up and down. The webview lays the graph
 * out and renders it; this side only fetches graphs from the server and opens files.
 */
import * as vscode from 'vscode';
import { lineageHtml } from './html';
import { handleWebviewMessage, nodeFileUri, remember, type LineageDocument, type LineageDocumentNode, type LineageParams } from './protocol';
import type { RequestLineage } from './request';

/** Hops shown around the model when the panel opens; nodes beyond are added by expanding. */
export const PANEL_HOPS = 2;

/** Hops shown in column mode: column lineage is one hop per model, and every column is a row, so less is more. */
export const COLUMN_HOPS = 1;

export class LineagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: LineageDocument | undefined;
  /** Whether the panel shows each node's columns and the column edges between them. */
  private columns = false;
  /** The nodes the server has returned for this panel: only these can be opened from the webview. */
  private readonly known = new Map<string, { node: LineageDocumentNode; graph: LineageDocument }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly request: RequestLineage,
  ) {}

  /**
   * Fetches the graph around a model and shows it, in column mode with each node's columns; errors reach the
   * caller, which shows them to the user.
   */
  async show(params: LineageParams, options: { columns?: boolean } = {}): Promise<void> {
    const columns = options.columns === true;
    const hops = columns ? COLUMN_HOPS : PANEL_HOPS;
    const graph = await this.request({ ...params, upstream: hops, downstream: hops, columns });
    this.graph = graph;
    this.columns = columns;
    this.known.clear();
    remember(this.known, graph);
    if (this.panel) {
      this.panel.reveal(undefined, false);
      void this.panel.webview.postMessage({ type: 'show', graph });
    } else {
      // A new webview asks for the graph with `ready` once its script runs.
      this.panel = this.createPanel();
    }
    this.panel.title = `${columns ? 'Column lineage' : 'Lineage'}: ${graph.root}`;
  }

  private createPanel(): vscode.WebviewPanel {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel('dplens.lineageGraph', 'Lineage', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // The webview may load the extension's bundled script and stylesheet and nothing else.
      localResourceRoots: [dist],
    });
    const webview = panel.webview;
    webview.html = lineageHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'lineage-webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'lineage-webview.css')).toString(),
    });
    const graphFor = (): LineageDocument | undefined => this.graph;
    const subscription = webview.onDidReceiveMessage((message: unknown) =>
      handleWebviewMessage(
        message,
        {
          initial: graphFor,
          // Expansions stay in the panel's workspace folder: the folder's URI picks the server's session.
          request: (params) => this.request({ ...params, uri: this.graph?.workspaceUri, columns: this.columns }),
          open: (node, graph) => openNode(node, graph),
          post: (reply) => void webview.postMessage(reply),
        },
        this.known,
      ),
    );
    panel.onDidDispose(() => {
      subscription.dispose();
      this.panel = undefined;
    });
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** Opens the file that defines a node; sources are defined in YAML that the server does not locate, so they open nothing. */
export async function openNode(node: LineageDocumentNode, graph: LineageDocument): Promise<void> {
  const uri = nodeFileUri(graph, node);
  if (!uri) {
    void vscode.window.showInformationMessage(`${node.id} is a ${node.kind} with no file of its own to open.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: true });
}
