/**
 * textDocument/semanticTokens/full: colours for the Jinja of dbt SQL files, from the core's tokens. Plain SQL
 * between tags gets none, so the TextMate grammar keeps colouring it. Tokens need only the text, so they are
 * read from the editor's text: an edit not analysed yet is not analysed early for them (editors ask for tokens
 * after every change), and a SQL file the index does not know yet, while the workspace is being indexed, is
 * coloured too.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver/node';
import { jinjaSemanticTokens, semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken } from '../../core/navigation';
import type { ServerContext } from '../context';

/** The legend `initialize` declares; token types and modifiers are sent as indexes into it. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((type, i) => [type, i]));
const MODIFIER_BIT = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((modifier, i) => [modifier, 1 << i]));

export function registerSemanticTokens(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on((params) =>
    ctx.guard(
      'semanticTokens',
      (): SemanticTokens => {
        const uri = params.textDocument.uri;
        const text = ctx.documents.get(uri)?.getText();
        const resolved = ctx.workspaces.resolve(uri);
        let tokens: SemanticToken[] | undefined;
        if (resolved && resolved.session.index.file(resolved.file)) tokens = semanticTokens(resolved.session.index, resolved.file, text ?? resolved.session.index.text(resolved.file));
        else if (text !== undefined && /\.sql$/i.test(uri)) tokens = jinjaSemanticTokens(text);
        return encode(tokens ?? []);
      },
      { data: [] },
    ),
  );
}

function encode(tokens: SemanticToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const token of tokens) {
    let modifiers = 0;
    for (const modifier of token.modifiers) modifiers |= MODIFIER_BIT.get(modifier) ?? 0;
    builder.push(token.line, token.character, token.length, TYPE_INDEX.get(token.type) ?? 0, modifiers);
  }
  return builder.build();
}
