/**
 * Runs one input through the real core, as the CLI and the editor would: the whole check of a small workspace
 * holding it, then the per-file features the editor asks for on each keystroke, at a few offsets. Returns what went
 * wrong rather than throwing, so the suite can count, group and report failures with the input that caused them.
 */
import { readCatalog, readManifest } from '../../server/src/core/artifacts';
import { checkWorkspace } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/findings';
import {
  completionListAt,
  definitionsAt,
  documentSymbols,
  foldingRanges,
  formatDocument,
  hoverAt,
  inlayHints,
  modelLenses,
  semanticTokens,
  targetAt,
} from '../../server/src/core/navigation';
import type { ProjectIndex } from '../../server/src/core/project/index-types';
import { LineIndex, type Range, type Span } from '../../server/src/core/text';
import type { Prng } from './prng';

export interface CaseResult {
  /** Wall time of the whole case, in milliseconds. */
  ms: number;
  /** What went wrong, one sentence each; empty when the core behaved. */
  failures: string[];
  /** How many of the failures were exceptions that escaped the core. */
  exceptions: number;
}

/**
 * The texts the core writes when it catches a defect of its own and reports it as a finding or a parse error
 * (the SQL token pass, the Jinja reader, the Python reader, the YAML loader's guard). A catch-all that hides a crash
 * is still a crash, so these count as failures.
 */
export const INTERNAL_ERROR = /internal error|YAML could not be read|\bcrashed\b|TypeError|RangeError|ReferenceError|Maximum call stack/i;

/**
 * The offsets the editor features are asked at: the end (where typing happens) and random places; the longer
 * mode adds the start and the middle. Completion re-reads the file's structure at each offset, so the bounded
 * suite asks at two to stay within its time.
 */
function offsetsFor(text: string, rng: Prng, thorough: boolean): number[] {
  const offsets = new Set([text.length, rng.int(text.length + 1)]);
  if (thorough) [0, text.length >> 1, rng.int(text.length + 1), rng.int(text.length + 1)].forEach((offset) => offsets.add(offset));
  return [...offsets];
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(error);
}

/** A range lies inside a document when each end is on an existing line and no further than that line's end. */
function rangeProblem(range: Range, text: string, lines: LineIndex): string | undefined {
  for (const position of [range.start, range.end]) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) return `position ${JSON.stringify(position)} is not a valid position`;
    if (position.line >= lines.lineCount) return `line ${position.line} is past the last line (${lines.lineCount - 1})`;
    const start = lines.lineStart(position.line);
    const next = position.line + 1 < lines.lineCount ? lines.lineStart(position.line + 1) : text.length;
    const length = text.slice(start, next).replace(/\r?\n$|\r$/, '').length;
    if (position.character > length) return `character ${position.character} is past the end of line ${position.line} (length ${length})`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return 'the range ends before it starts';
  return undefined;
}

function spanProblem(span: Span, text: string): string | undefined {
  if (!(span.start >= 0 && span.end >= span.start && span.end <= text.length)) return `span ${span.start}-${span.end} is outside the text (length ${text.length})`;
  return undefined;
}

/** Checks findings: no internal error, every range inside its document. */
function findingProblems(findings: readonly Finding[], files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const indexes = new Map<string, LineIndex>();
  for (const finding of findings) {
    if (INTERNAL_ERROR.test(finding.message)) problems.push(`internal error reported as ${finding.rule} on ${finding.file}: ${finding.message}`);
    const text = files.get(finding.file);
    // Findings about the workspace as a whole (a missing file) may name a file that does not exist; they sit at 0:0.
    if (text === undefined) {
      if (finding.range.start.line !== 0 || finding.range.end.line !== 0) problems.push(`${finding.rule} on absent file ${finding.file} has a range past line 0`);
      continue;
    }
    let lines = indexes.get(finding.file);
    if (!lines) indexes.set(finding.file, (lines = new LineIndex(text)));
    const problem = rangeProblem(finding.range, text, lines);
    if (problem) problems.push(`${finding.rule} on ${finding.file}: ${problem}`);
    for (const fix of finding.fixes ?? []) {
      for (const edit of fix.edits) {
        const target = files.get(edit.file);
        if (target === undefined) continue;
        const editProblem = rangeProblem(edit.range, target, new LineIndex(target));
        if (editProblem) problems.push(`fix "${fix.title}" of ${finding.rule} edits ${edit.file} out of range: ${editProblem}`);
      }
    }
  }
  return problems;
}

/** The editor's per-file features, as the language server calls them after an edit. */
function editorFeatures(index: ProjectIndex, file: string, text: string, rng: Prng, thorough: boolean, fail: (what: string, error: unknown) => void, problems: string[]): void {
  const call = <T>(what: string, run: () => T): T | undefined => {
    try {
      const started = performance.now();
      const result = run();
      if (process.env.FUZZ_TRACE === 'calls') console.log(`        ${what}: ${Math.round(performance.now() - started)} ms`);
      return result;
    } catch (error) {
      fail(what, error);
      return undefined;
    }
  };
  for (const offset of offsetsFor(text, rng, thorough)) {
    call(`hoverAt(${offset})`, () => hoverAt(index, file, offset, { now: new Date('2025-01-01T00:00:00Z') }));
    call(`completionListAt(${offset})`, () => completionListAt(index, file, offset));
    call(`targetAt(${offset})`, () => targetAt(index, file, offset));
    const definitions = call(`definitionsAt(${offset})`, () => definitionsAt(index, file, offset)) ?? [];
    for (const location of definitions) {
      const target = index.text(location.file);
      const problem = target === undefined ? undefined : spanProblem(location.span, target);
      if (problem) problems.push(`definition at ${offset} in ${location.file}: ${problem}`);
    }
  }
  const symbols = call('documentSymbols', () => documentSymbols(index, file)) ?? [];
  const visit = (symbol: (typeof symbols)[number]) => {
    const problem = spanProblem(symbol.span, text) ?? spanProblem(symbol.selectionSpan, text);
    if (problem) problems.push(`symbol ${symbol.name}: ${problem}`);
    symbol.children.forEach(visit);
  };
  symbols.forEach(visit);
  const lines = new LineIndex(text);
  for (const fold of call('foldingRanges', () => foldingRanges(index, file)) ?? []) {
    if (fold.startLine < 0 || fold.endLine >= lines.lineCount || fold.startLine > fold.endLine) problems.push(`fold ${fold.startLine}-${fold.endLine} is outside the ${lines.lineCount} lines`);
  }
  for (const token of call('semanticTokens', () => semanticTokens(index, file)) ?? []) {
    if (token.start < 0 || token.length < 0 || token.start + token.length > text.length) problems.push(`semantic token at ${token.start}+${token.length} is outside the text (length ${text.length})`);
  }
  call('formatDocument', () => formatDocument(index, file, { indent: 2, keywordCase: 'upper' }));
  call('inlayHints', () => inlayHints(index, file, { columnTypes: true, bytesRead: true }));
  call('modelLenses', () => modelLenses(index, file));
}

/**
 * Checks one input at `path` in the base workspace, then asks the editor features about it (and, for build
 * artifacts, which only feed the models' features, about a model that reads them).
 */
export function runCase(base: ReadonlyMap<string, string>, path: string, text: string, rng: Prng, thorough = false, textAtGitBase?: string): CaseResult {
  const started = performance.now();
  const failures: string[] = [];
  let exceptions = 0;
  const fail = (what: string, error: unknown) => {
    exceptions++;
    failures.push(`exception escaped ${what}: ${describeError(error)}`);
  };
  const files = new Map(base);
  files.set(path, text);
  try {
    if (path.endsWith('manifest.json')) readManifest(text);
    if (path.endsWith('catalog.json')) readCatalog(text);
  } catch (error) {
    fail('the artifact reader', error);
  }
  let index: ProjectIndex | undefined;
  try {
    // With the unmutated seed as the file's text at the git base, every comparison with the base (dbt contracts,
    // data contracts, event schemas) also meets the mutated input.
    const gitBase = textAtGitBase === undefined ? undefined : { snapshot: { ref: 'main', commit: '0000000', changed: new Map([[path, textAtGitBase]]) } };
    const outcome = checkWorkspace(files, { base: gitBase });
    index = outcome.index;
    failures.push(...findingProblems(outcome.findings, files));
    for (const { file, problems } of outcome.configProblems) {
      for (const problem of problems) if (INTERNAL_ERROR.test(problem.message)) failures.push(`internal error in the configuration problems of ${file}: ${problem.message}`);
    }
  } catch (error) {
    fail('checkWorkspace', error);
  }
  if (index) {
    const problems: string[] = [];
    editorFeatures(index, path, text, rng, thorough, fail, problems);
    if (path.endsWith('.json')) {
      const model = 'models/marts/fct_orders.sql';
      editorFeatures(index, model, index.text(model) ?? '', rng, thorough, fail, problems);
    }
    failures.push(...problems);
  }
  return { ms: performance.now() - started, failures, exceptions };
}
