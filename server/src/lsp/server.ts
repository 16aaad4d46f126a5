/**
 * The Data Platform Lens language server: wiring only. It indexes each workspace folder with the core,
 * re-analyses per edit, and publishes diagnostics. Editor features beyond diagnostics plug in here.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { toDiagnostic } from './convert';
import { WorkspaceSession } from './workspace-session';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const sessions: WorkspaceSession[] = [];
let folders: string[] = [];
let trusted = false;

connection.onInitialize((params: InitializeParams) => {
  folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
  if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
  // The client says whether the workspace is trusted; only then are profiles outside the workspace read.
  trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted === true;
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

connection.onInitialized(() => {
  for (const folder of folders) {
    try {
      const session = new WorkspaceSession(folder, trusted);
      sessions.push(session);
      for (const file of session.filesWithFindings()) publish(session, file);
    } catch (error) {
      connection.console.error(`Data Platform Lens could not index ${folder}: ${(error as Error).message}`);
    }
  }
});

function sessionFor(uri: string): { session: WorkspaceSession; file: string } | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const absolute = fileURLToPath(uri);
  for (const session of sessions) {
    const file = session.relative(absolute);
    if (file !== undefined) return { session, file };
  }
  return undefined;
}

function publish(session: WorkspaceSession, file: string): void {
  const uri = pathToFileURL(path.join(session.root, file)).toString();
  connection.sendDiagnostics({ uri, diagnostics: session.findingsFor(file).map(toDiagnostic) });
}

documents.onDidChangeContent((change) => {
  const target = sessionFor(change.document.uri);
  if (!target) return;
  try {
    for (const file of target.session.update(target.file, change.document.getText())) publish(target.session, file);
  } catch (error) {
    // One failing analysis must not take the server down; say so once and keep serving.
    connection.console.error(`Data Platform Lens failed to analyse ${target.file}: ${(error as Error).stack ?? error}`);
  }
});

documents.listen(connection);
connection.listen();
