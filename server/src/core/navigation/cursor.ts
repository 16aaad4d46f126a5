/**
 * What is under the cursor: a `ref()` or `source()` argument, a macro call, a resource or source table named in
 * properties YAML, or a rule id in a suppression directive. Positions are offsets into the index's text.
 */
import type { ProjectIndex } from '../project/index-types';
import type { RefCall, SourceCall, MacroCall } from '../jinja';
import type { Span } from '../text';
import { locateYamlPath } from '../yaml';
import { refTarget, sourceTarget, findRefable } from './entities';
import type { CursorTarget } from './types';

/** Inclusive at both ends, so a cursor just after the last character of a name still counts. */
function inside(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

interface CallsOfFile {
  refs: RefCall[];
  sources: SourceCall[];
  macroCalls: MacroCall[];
}

function callsOf(index: ProjectIndex, file: string): CallsOfFile | undefined {
  const summary = index.file(file);
  if (!summary) return undefined;
  if ('jinja' in summary) return summary.jinja;
  if (summary.kind === 'python-model') return { refs: summary.refs, sources: summary.sources, macroCalls: [] };
  return undefined;
}

export function targetAt(index: ProjectIndex, file: string, offset: number): CursorTarget | undefined {
  return ruleAt(index, file, offset) ?? callAt(index, file, offset) ?? yamlEntityAt(index, file, offset);
}

function callAt(index: ProjectIndex, file: string, offset: number): CursorTarget | undefined {
  const calls = callsOf(index, file);
  if (!calls) return undefined;
  for (const ref of calls.refs) {
    if (ref.dynamic || !inside(ref.span, offset)) continue;
    return { kind: 'ref', span: ref.nameSpan, name: ref.name, package: ref.package, nodeId: refTarget(index, file, ref.span, ref.name, ref.package) };
  }
  for (const call of calls.sources) {
    if (call.dynamic || !inside(call.span, offset)) continue;
    const onSource = inside(call.sourceSpan, offset);
    const nodeId = sourceTarget(index, file, call.source, call.table)?.uniqueId;
    return { kind: 'source', span: onSource ? call.sourceSpan : call.tableSpan, part: onSource ? 'source' : 'table', source: call.source, table: call.table, nodeId };
  }
  for (const call of calls.macroCalls) {
    if (inside(call.nameSpan, offset)) return { kind: 'macro', span: call.nameSpan, name: call.name };
  }
  return undefined;
}

function yamlEntityAt(index: ProjectIndex, file: string, offset: number): CursorTarget | undefined {
  const summary = index.file(file);
  const text = index.text(file);
  if (summary?.kind !== 'properties' || text === undefined) return undefined;
  const properties = summary.properties;
  for (const entry of [...properties.models, ...properties.seeds, ...properties.snapshots]) {
    const span = locateYamlPath(text, [...entry.path, 'name']);
    if (span && inside(span, offset)) return { kind: 'yaml-resource', span, name: entry.name, nodeId: findRefable(index, file, entry.name)?.uniqueId };
  }
  for (const source of properties.sources) {
    for (const table of source.tables) {
      const span = locateYamlPath(text, [...table.path, 'name']);
      if (span && inside(span, offset)) {
        return { kind: 'yaml-source-table', span, source: source.name, table: table.name, nodeId: sourceTarget(index, file, source.name, table.name)?.uniqueId };
      }
    }
  }
  return undefined;
}

const RULE_ID = /[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*/g;

function ruleAt(index: ProjectIndex, file: string, offset: number): CursorTarget | undefined {
  const summary = index.file(file);
  const text = index.text(file);
  if (!summary || text === undefined) return undefined;
  for (const suppression of summary.suppressions) {
    if (!inside(suppression.span, offset)) continue;
    // Rule ids sit between the directive keyword and the colon that starts the reason.
    const directive = text.slice(suppression.span.start, suppression.span.end);
    const colon = directive.indexOf(':');
    const head = colon >= 0 ? directive.slice(0, colon) : directive;
    for (const match of head.matchAll(RULE_ID)) {
      const start = suppression.span.start + (match.index ?? 0);
      const span = { start, end: start + match[0].length };
      if (inside(span, offset)) return { kind: 'rule', span, ruleId: match[0] };
    }
  }
  return undefined;
}
