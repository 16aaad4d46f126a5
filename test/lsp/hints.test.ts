/**
 * Semantic tokens and inlay hints from the bundled server over stdio, on the hints fixture: a model with Jinja,
 * a contract, a cast and a catalog.json with column types and table sizes. Settings arrive with
 * `initializationOptions`, as they do from clients without `workspace/configuration`.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { InlayHint, SemanticTokens } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient } from './client';

const WORKSPACE = path.join(FIXTURES, 'hints');
const FCT = 'models/marts/fct_orders.sql';
const STG = 'models/staging/stg_orders.sql';
/** A model with an unknown ref: it is never opened, so its diagnostics come from the full index, not the preview. */
const INDEXED_SIGNAL = 'models/marts/orphan.sql';

async function startIndexed(initializationOptions?: unknown): Promise<LspClient> {
  const client = await LspClient.start(WORKSPACE, {}, initializationOptions);
  await client.diagnostics(INDEXED_SIGNAL);
  return client;
}

/** The hints of a whole file as `line:character label`, in order. */
async function hintsOf(client: LspClient, file: string): Promise<string[]> {
  const range = { start: { line: 0, character: 0 }, end: { line: client.text(file).split('\n').length, character: 0 } };
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: client.uri(file) }, range });
  return hints.map((hint) => `${hint.position.line}:${hint.position.character} ${typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')}`);
}

describe('language server: semantic tokens and inlay hints', () => {
  let client: LspClient;

  before(async () => {
    client = await startIndexed();
  });

  after(() => client?.stop());

  it('declares semantic tokens with their legend, and inlay hints', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.equal(capabilities?.inlayHintProvider, true);
    assert.equal(capabilities?.semanticTokensProvider?.full, true);
    assert.ok(capabilities?.semanticTokensProvider?.legend.tokenTypes.includes('macro'));
  });

  /** The semantic tokens of a file as `text type modifiers…`, decoded with the legend the server declared. */
  async function tokensOf(file: string): Promise<string[]> {
    const { legend } = client.initializeResult!.capabilities.semanticTokensProvider!;
    const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: client.uri(file) } });
    const lines = client.text(file).split('\n');
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      const names = legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
      decoded.push([lines[line].slice(character, character + length), legend.tokenTypes[type], ...names].join(' '));
    }
    return decoded;
  }

  it('colours the Jinja of a model and leaves its SQL to the grammar', async () => {
    assert.deepEqual(await tokensOf(FCT), [
      '{{ macro', 'config function defaultLibrary', 'materialized parameter', '= operator', "'table' string", '}} macro',
      '{# Orders with their amount in dollars. #} comment',
      '{{ macro', 'ref function defaultLibrary', "'stg_orders' string", '}} macro',
      '{% macro', 'if keyword', 'var function defaultLibrary', "'only_recent' string", 'false keyword', '%} macro',
      '{% macro', 'endif keyword', '%} macro',
    ]);
  });

  it("colours the editor's text at once, before the edit is analysed or the file indexed", async () => {
    client.open('models/marts/draft.sql', "select {{ this.schema }}\n");
    assert.deepEqual(await tokensOf('models/marts/draft.sql'), ['{{ macro', 'this variable defaultLibrary', 'schema property', '}} macro']);
    client.change('models/marts/draft.sql', "select {{ this.schema }}\n{# done #}\n");
    assert.deepEqual(await tokensOf('models/marts/draft.sql'), ['{{ macro', 'this variable defaultLibrary', 'schema property', '}} macro', '{# done #} comment']);
  });

  it('shows column types from the contract, a cast and the catalog, and the size of the relation read', async () => {
    assert.deepEqual(await hintsOf(client, FCT), ['3:12 : int64', '4:49 : numeric', '5:31 : DATE', '6:28 ≈ 1.2 GiB']);
    assert.deepEqual(await hintsOf(client, STG), ['1:18 : INT64', '2:16 : INT64', '3:34 ≈ 5.0 GiB']);
  });

  it('gives no hints in a file with nothing known about its columns or relations', async () => {
    assert.deepEqual(await hintsOf(client, INDEXED_SIGNAL), []);
  });

  it('follows the inlayHints settings', async () => {
    const withoutBytes = await startIndexed({ settings: { inlayHints: { bytesRead: false } } });
    try {
      assert.deepEqual(await hintsOf(withoutBytes, FCT), ['3:12 : int64', '4:49 : numeric', '5:31 : DATE']);
    } finally {
      withoutBytes.stop();
    }
    const withoutTypes = await startIndexed({ settings: { inlayHints: { columnTypes: false } } });
    try {
      assert.deepEqual(await hintsOf(withoutTypes, FCT), ['6:28 ≈ 1.2 GiB']);
    } finally {
      withoutTypes.stop();
    }
  });
});
