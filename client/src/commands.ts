/**
 * The palette commands: show a model's lineage graph (of models, or of columns), explain a rule, open a diagnostic's
 * rule docs, review the changes against the base, and restart the language server. Each one gathers its argument from the editor and hands the work to the server or a view.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LineagePanel } from './lineage/panel';
import type { LineageParams } from './lineage/protocol';
import { isReviewResult, REVIEW_CHANGES_REQUEST, reviewMessage, SHOW_PROBLEMS_COMMAND, type ReviewChangesParams } from './review';
import { isRuleId, parseRulesTable, ruleDocs, RULES_TABLE, type RuleSummary } from './rules';

export const COMMANDS = {
  showLineage: 'dplens.showLineage',
  explainRule: 'dplens.explainRule',
  openRuleDocs: 'dplens.openRuleDocs',
  restartServer: 'dplens.restartServer',
  reviewChanges: 'dplens.reviewChanges',
  showColumnLineage: 'dplens.showColumnLineage',
} as const;

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, panel: LineagePanel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showLineage, (argument?: unknown) => showLineage(panel, argument)),
    vscode.commands.registerCommand(COMMANDS.explainRule, (argument?: unknown) => explainRule(context.extensionUri, argument)),
    vscode.commands.registerCommand(COMMANDS.openRuleDocs, (argument?: unknown) => openRuleDocs(context.extensionUri, argument)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => client.restart()),
    vscode.commands.registerCommand(COMMANDS.reviewChanges, () => reviewChanges(client)),
    vscode.commands.registerCommand(COMMANDS.showColumnLineage, (argument?: unknown) => showLineage(panel, argument, { columns: true })),
  );
}

/**
 * Asks the server to publish the findings of the files changed since the base, then opens the Problems panel
 * where they are listed. The server's errors (an untrusted workspace, no git repository, a bad base ref) are
 * written for users, so they are shown as they are.
 */
async function reviewChanges(client: LanguageClient): Promise<void> {
  try {
    const params: ReviewChangesParams = {};
    const answer: unknown = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Data Platform Lens: reviewing changes against the base' }, () =>
      client.sendRequest(REVIEW_CHANGES_REQUEST, params),
    );
    if (!isReviewResult(answer)) throw new Error('Data Platform Lens: the language server answered the review request with something unexpected.');
    await vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND);
    void vscode.window.showInformationMessage(reviewMessage(answer));
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The model comes from the argument when there is one: a lineage id from a code lens, a tree item, or a file URI
 * from the Explorer. Otherwise it is the model the active editor defines.
 */
async function showLineage(panel: LineagePanel, argument: unknown, options: { columns?: boolean } = {}): Promise<void> {
  const params = lineageParams(argument);
  if (!params) {
    void vscode.window.showInformationMessage('Data Platform Lens: open a model\'s SQL file to see its lineage, or use the "Lineage" code lens above a model.');
    return;
  }
  try {
    await panel.show(params, options);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
}

function lineageParams(argument: unknown): LineageParams | undefined {
  if (typeof argument === 'string' && argument.length > 0) return { model: argument };
  if (argument instanceof vscode.Uri) return { uri: argument.toString() };
  if (typeof argument === 'object' && argument !== null && typeof (argument as { lineageId?: unknown }).lineageId === 'string') {
    return { model: (argument as { lineageId: string }).lineageId };
  }
  const document = vscode.window.activeTextEditor?.document;
  return document && document.uri.scheme === 'file' ? { uri: document.uri.toString() } : undefined;
}

/** A quick pick of every rule, from the generated table the extension ships; a rule id argument skips the pick. */
async function explainRule(extensionUri: vscode.Uri, argument: unknown): Promise<void> {
  const id = isRuleId(argument) ? argument : await pickRule(extensionUri);
  if (id) await openRule(extensionUri, id);
}

async function pickRule(extensionUri: vscode.Uri): Promise<string | undefined> {
  const rules = await shippedRules(extensionUri);
  const items = (rules.length > 0 ? rules : rulesInDiagnostics()).map((rule) => ({ label: rule.id, description: rule.severity, detail: rule.description }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Data Platform Lens: this build ships no rule list and no rule is reported yet; the rules are listed in the project\'s docs/rules/README.md.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Data Platform Lens: Explain Rule', placeHolder: 'Pick a rule to read its documentation', matchOnDetail: true });
  return picked?.label;
}

async function shippedRules(extensionUri: vscode.Uri): Promise<RuleSummary[]> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, RULES_TABLE));
    return parseRulesTable(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
}

/** Without the shipped table, the rules reported in the workspace right now are the ones worth explaining. */
function rulesInDiagnostics(): RuleSummary[] {
  const ids = new Set<string>();
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      const id = ruleIdOf(diagnostic);
      if (id) ids.add(id);
    }
  }
  return [...ids].sort().map((id) => ({ id, severity: '', description: '' }));
}

/** The generated page when the extension ships it (rendered by the Markdown preview), else the published page. */
async function openRule(extensionUri: vscode.Uri, id: string): Promise<void> {
  const docs = ruleDocs(id);
  const local = vscode.Uri.joinPath(extensionUri, docs.path);
  try {
    await vscode.workspace.fs.stat(local);
    await vscode.commands.executeCommand('markdown.showPreview', local);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(docs.url));
  }
}

/**
 * Opens the `codeDescription.href` of a Data Platform Lens diagnostic: the one given, or the one under the cursor
 * (with a pick when several overlap it). A rule id argument opens that rule's docs.
 */
async function openRuleDocs(extensionUri: vscode.Uri, argument: unknown): Promise<void> {
  if (isRuleId(argument)) return openRule(extensionUri, argument);
  const given = argument instanceof vscode.Diagnostic ? [argument] : diagnosticsAtCursor();
  const candidates = given.filter((diagnostic) => docsTarget(diagnostic) !== undefined);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Data Platform Lens: no Data Platform Lens diagnostic under the cursor. Use "Data Platform Lens: Explain Rule" to browse the rules.');
    return;
  }
  const chosen =
    candidates.length === 1
      ? candidates[0]
      : (await vscode.window.showQuickPick(candidates.map((diagnostic) => ({ label: ruleIdOf(diagnostic) ?? '', detail: diagnostic.message, diagnostic })), { title: 'Data Platform Lens: Open Rule Docs' }))?.diagnostic;
  const target = chosen && docsTarget(chosen);
  if (target) await vscode.env.openExternal(target);
}

function diagnosticsAtCursor(): vscode.Diagnostic[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const cursor = editor.selection.active;
  return vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.range.contains(cursor));
}

function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== 'dplens') return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return isRuleId(code) ? code : undefined;
}

/** Only web links are opened: a diagnostic from another extension could carry any URI. */
function docsTarget(diagnostic: vscode.Diagnostic): vscode.Uri | undefined {
  if (ruleIdOf(diagnostic) === undefined || typeof diagnostic.code !== 'object') return undefined;
  const target = diagnostic.code.target;
  return target.scheme === 'https' || target.scheme === 'http' ? target : undefined;
}
