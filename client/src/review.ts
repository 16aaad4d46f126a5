/**
 * "Review Changes Against Base": the `dplens/reviewChanges` answer checked and summed up for the message shown
 * after the server has published the changed files' findings. Free of `vscode`, so it is tested without the editor.
 */
import { REVIEW_CHANGES_METHOD, type ReviewChangesParams, type ReviewChangesResult } from '../../server/src/lsp/protocol';

/** The request; the server owns its meaning (see server/src/lsp/protocol.ts). */
export const REVIEW_CHANGES_REQUEST = REVIEW_CHANGES_METHOD;
export type { ReviewChangesParams, ReviewChangesResult };

/**
 * VS Code's command that opens and focuses the Problems view, where the review's diagnostics are listed.
 * Not `workbench.actions.view.problems` (Ctrl+Shift+M): that one hides the panel when the Problems view has focus.
 */
export const SHOW_PROBLEMS_COMMAND = 'workbench.panel.markers.view.focus';

export function isReviewResult(value: unknown): value is ReviewChangesResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Partial<ReviewChangesResult>;
  return typeof result.base === 'string' && Array.isArray(result.files) && result.files.every((file) => typeof file?.file === 'string' && typeof file.findings === 'number');
}

/** One sentence: how many findings in how many changed files, against which commit. */
export function reviewMessage(result: ReviewChangesResult): string {
  const base = result.base.slice(0, 7);
  const files = result.files.length;
  const findings = result.files.reduce((sum, file) => sum + file.findings, 0);
  const withFindings = result.files.filter((file) => file.findings > 0).length;
  if (files === 0) return `Data Platform Lens: no file that Data Platform Lens checks has changed since ${base}.`;
  const changed = `${files} changed file${files === 1 ? '' : 's'}`;
  if (findings === 0) return `Data Platform Lens: no findings in the ${changed} since ${base}.`;
  return `Data Platform Lens: ${plural(findings, 'finding')} in ${withFindings} of the ${changed} since ${base}; they are listed in the Problems panel.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
