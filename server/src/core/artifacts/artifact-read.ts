/**
 * What the manifest and catalog readers share: turning artifact text into a trusted value plus an issue.
 */
import type { SyntaxIssue } from '../text';
import { parseJsonTolerantly, type TolerantJson } from './tolerant-json';

export type JsonObject = Record<string, unknown>;

export interface ArtifactJson {
  root: JsonObject | undefined;
  /** Decides whether a container was read completely; always true when the whole file parsed. */
  isComplete: (value: object) => boolean;
  errors: SyntaxIssue[];
  /** True when the file was cut off or invalid and only its complete parts were kept. */
  partial: boolean;
}

/** Parses artifact text, reporting an empty, cut-off or invalid file as one issue located where reading stopped. */
export function readArtifactJson(text: string, artifactName: string): ArtifactJson {
  const parsed: TolerantJson = parseJsonTolerantly(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const errors: SyntaxIssue[] = [];
  if (parsed.failure) {
    const offset = Math.min(parsed.failure.offset, text.length);
    errors.push({
      message:
        `${artifactName} is incomplete or invalid (${parsed.failure.message}); dbt may still be writing it. ` +
        'Only the complete entries before that point were read; run dbt again if this persists.',
      span: { start: Math.max(0, offset - (offset === text.length && offset > 0 ? 1 : 0)), end: Math.max(offset, Math.min(text.length, offset + 1)) },
    });
  }
  const root = isObject(parsed.value) ? parsed.value : undefined;
  if (!parsed.failure && parsed.value !== undefined && !root) {
    errors.push({ message: `${artifactName} must hold a JSON object.`, span: { start: 0, end: Math.min(1, text.length) } });
  }
  return {
    root,
    isComplete: (value) => !parsed.incomplete.has(value),
    errors,
    partial: parsed.failure !== undefined,
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The schema version number from `metadata.dbt_schema_version` (`https://schemas.getdbt.com/dbt/manifest/v12.json` gives 12). */
export function schemaVersionOf(metadata: JsonObject | undefined): { url?: string; version?: number } {
  const url = stringOrUndefined(metadata?.dbt_schema_version);
  const match = url ? /\/v(\d+)\.json$/.exec(url) : null;
  return { ...(url ? { url } : {}), ...(match ? { version: Number(match[1]) } : {}) };
}
