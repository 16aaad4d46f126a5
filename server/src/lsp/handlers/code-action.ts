/**
 * textDocument/codeAction: each finding's fixes as quick fixes, and "Suppress <rule> on this line", which
 * inserts a `dplens-disable-next-line` directive with a reason placeholder above the finding.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { Finding } from '../../core/findings';
import { suppressionEdit } from '../../core/navigation';
import type { Range } from '../../core/text';
import { documentAt, type ServerContext } from '../context';
import { toDiagnostic, toWorkspaceEdit } from '../convert';

/** Findings about suppressions themselves cannot be suppressed by another directive. */
const UNSUPPRESSIBLE_FAMILY = 'suppression/';

export function registerCodeAction(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) =>
    ctx.guard(
      'codeAction',
      (): CodeAction[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) return [];
        const uriOf = (file: string) => ctx.workspaces.uriOf(doc.session, file);
        const actions: CodeAction[] = [];
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
        return actions;
      },
      [],
    ),
  );
}

function suppressAction(finding: Finding, text: string, diagnostic: ReturnType<typeof toDiagnostic>, uriOf: (file: string) => string): CodeAction {
  const edit = suppressionEdit(finding.file, text, finding.range.start.line, finding.rule);
  return { title: `Suppress ${finding.rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit([edit], uriOf) };
}

/** Ranges touch when neither ends before the other starts; an empty request range at a finding's edge counts. */
function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
