/**
 * textDocument/codeAction: each finding's fixes as quick fixes, and "Suppress <rule> on this line", which
 * inserts a `dplens-disable-next-line` directive with a reason placeholder above the finding; and the refactoring
 * "Extract CTE to a new model" for the CTE around the cursor.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { extractCteAt } from '../../core/navigation/refactor/extract-cte';
import type { Finding } from '../../core/findings';
import { suppressionEdit } from '../../core/navigation';
import type { Range } from '../../core/text';
import { cancelledMeanwhile, documentAt, requestCancelled, type DocumentAt, type ServerContext } from '../context';
import { toDiagnostic, toWorkspaceEdit } from '../convert';
import { supportsResourceOperation, toDocumentChanges } from '../workspace-changes';

/** Findings about suppressions themselves cannot be suppressed by another directive. */
const UNSUPPRESSIBLE_FAMILY = 'suppression/';

export function registerCodeAction(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params, token) => {
    // Quick fixes of project rules (a cycle) must match the current graph, not the last project pass: a due pass
    // runs first, which takes a while on a large workspace. Editors ask for code actions at every move of the
    // cursor and cancel the ones they no longer need, so a request cancelled meanwhile stops there.
    ctx.guard(
      'codeAction',
      () => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (doc) ctx.analysis.settle(doc.session);
      },
      undefined,
    );
    if (await cancelledMeanwhile(token)) return requestCancelled('codeAction');
    return ctx.guard(
      'codeAction',
      (): CodeAction[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) return [];
        const uriOf = (file: string) => ctx.workspaces.uriOf(doc.session, file);
        const actions: CodeAction[] = [];
        // An edit analysed while the request waited may have made the project rules due again.
        ctx.analysis.settle(doc.session);
        for (const finding of doc.session.findingsFor(doc.file)) {
          if (!overlaps(finding.range, params.range)) continue;
          const diagnostic = toDiagnostic(finding);
          for (const fix of finding.fixes ?? []) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.kind === 'safe' && finding.fixes!.length === 1,
              edit: toWorkspaceEdit(fix.edits, uriOf),
            });
          }
          if (!finding.rule.startsWith(UNSUPPRESSIBLE_FAMILY)) actions.push(suppressAction(finding, doc.text, diagnostic, uriOf));
        }
        // Guarded on its own, so a failing refactoring never hides the quick fixes above.
        actions.push(...ctx.guard('codeAction: extract CTE', () => extractCteActions(ctx, doc, params), []));
        return actions;
      },
      [],
    );
  });
}

function suppressAction(finding: Finding, text: string, diagnostic: ReturnType<typeof toDiagnostic>, uriOf: (file: string) => string): CodeAction {
  const edit = suppressionEdit(finding.file, text, finding.range.start.line, finding.rule);
  return { title: `Suppress ${finding.rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit([edit], uriOf) };
}

/**
 * "Extract CTE to a new model", when the range is inside a CTE that can be extracted safely and the client can
 * create files; a CTE that cannot be extracted gets no action (see core/navigation/refactor/extract-cte.ts).
 */
function extractCteActions(ctx: ServerContext, doc: DocumentAt, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const wanted = !only || only.some((kind) => kind === CodeActionKind.RefactorExtract || CodeActionKind.RefactorExtract.startsWith(`${kind}.`));
  if (!wanted || !supportsResourceOperation(ctx, 'create')) return [];
  const range = { start: doc.lines.offsetAt(params.range.start), end: doc.lines.offsetAt(params.range.end) };
  const result = extractCteAt(doc.session.index, doc.file, range);
  if (!result?.ok) return [];
  const converted = toDocumentChanges(ctx, doc.session, result.extraction);
  return 'edit' in converted ? [{ title: result.extraction.title, kind: CodeActionKind.RefactorExtract, edit: converted.edit }] : [];
}

/** Ranges touch when neither ends before the other starts; an empty request range at a finding's edge counts. */
function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
