/**
 * What an event schema is compared with: its version at the git base and, under a *_TRANSITIVE mode, its earlier
 * committed versions too, with the compatibility mode that applies to it. Shared by the Avro rules and the JSON
 * Schema rule, which each compare in their own way.
 */
import type { FileRuleContext } from '../rules/rule';
import type { EventSchemaSummary, FileSummary } from '../project/summary';
import type { EventSchemaFormat } from './detect';
import { parseJsonTree, type JsonNode } from './json-tree';
import { compatibilityModeOf, DEFAULT_EVENT_HISTORY, modeDirections, type CompatibilityMode } from './settings';

export interface EarlierVersion {
  /** How messages name it: "the base `main` (a1b2c3d)", "commit 9f8e7d6". */
  label: string;
  text: string;
  document: JsonNode | undefined;
  value: unknown;
}

export interface EventSchemaComparison {
  /** The schema at head. */
  file: EventSchemaSummary;
  /** The mode it is held to; never NONE (nothing is compared then). */
  mode: Exclude<CompatibilityMode, 'NONE'>;
  /** The versions to check against, the base first; more than one only under a transitive mode. */
  earlier: EarlierVersion[];
  /** The base as messages name it: against `main` (a1b2c3d). */
  against: string;
}

/** Whether a summary is an event schema of that format that parsed. */
export function isEventSchema(file: FileSummary | undefined, format?: EventSchemaFormat): file is EventSchemaSummary {
  return file !== undefined && file.kind === 'event-schema' && (format === undefined || file.format === format) && file.errors.length === 0 && file.document !== undefined;
}

/** The mode that applies to an event schema file, from the dplens.yml that applies to it. */
export function eventSchemaMode(ctx: Pick<FileRuleContext, 'index'>, file: EventSchemaSummary): CompatibilityMode {
  return compatibilityModeOf(ctx.index.configAt(file.path)?.events, file.path, file.subjectNames);
}

/** How many earlier versions a transitive mode compares with, from the dplens.yml that applies to a file. */
export function eventHistoryDepth(ctx: Pick<FileRuleContext, 'index'>, path: string): number {
  return ctx.index.configAt(path)?.events?.history ?? DEFAULT_EVENT_HISTORY;
}

/**
 * What the file of `ctx` is compared with, or undefined when nothing is: not an event schema of that format (or it
 * does not parse), no base or an unavailable one, a file unchanged since the base or new there, or mode NONE.
 */
export function eventSchemaComparison(ctx: FileRuleContext, format: EventSchemaFormat): EventSchemaComparison | undefined {
  const { file, base } = ctx;
  if (!isEventSchema(file, format) || !base || base.status !== 'available' || !base.changed.has(file.path)) return undefined;
  const atBase = base.index.file(file.path);
  if (!isEventSchema(atBase, format)) return undefined;
  const mode = eventSchemaMode(ctx, file);
  if (mode === 'NONE') return undefined;
  const against = `against \`${base.ref}\` (${base.commit.slice(0, 7)})`;
  const baseText = base.index.text(file.path) ?? '';
  const earlier: EarlierVersion[] = [{ label: `the version at \`${base.ref}\` (${base.commit.slice(0, 7)})`, text: baseText, document: atBase.document, value: atBase.value }];
  if (modeDirections(mode).transitive) {
    const seen = new Set([baseText]);
    for (const version of (base.history?.get(file.path) ?? []).slice(0, eventHistoryDepth(ctx, file.path))) {
      // The newest committed version is usually the base's own text; a version seen already adds nothing.
      if (seen.has(version.text)) continue;
      seen.add(version.text);
      const parsed = parseJsonTree(version.text);
      // A version that did not parse was never registered: nothing to be compatible with.
      if (parsed.errors.length > 0 || !parsed.document) continue;
      earlier.push({ label: `the version of commit ${version.commit.slice(0, 7)}`, text: version.text, document: parsed.document, value: parsed.value });
    }
  }
  return { file, mode, earlier, against };
}
