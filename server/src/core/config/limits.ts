/**
 * The `limits:` section of `dplens.yml`: how large a file may be before it is read only for what the graph needs.
 *
 *     limits:
 *       maxFileBytes: 2000000
 *
 * A generated model of several megabytes would otherwise be parsed as SQL on every keystroke. Over the limit, a SQL
 * file is read for its `ref()`, `source()`, `config()` and macro calls only, and a YAML file for the models, sources
 * and other entries it declares; `project/file-too-large` says so in the file.
 */
import type { Span } from '../text';
import type { YamlPath } from '../yaml';

/**
 * One million bytes. Measured on a 1.5 MB model that unions 6,600 `ref()`s: the full summary took 0.2 to 0.7 s and
 * the Jinja-only one 60 ms; a 1.5 MB `values` list took 50 to 100 ms in full. Full analysis costs roughly 0.2 s per
 * megabyte of dense SQL, so below this limit an edit stays within a few hundred milliseconds at worst. Hand-written
 * models are far smaller (tens of kilobytes): only generated files come near it.
 */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

export interface LimitsSettings {
  /** Files larger than this many bytes (UTF-8) are read for their dependencies and declarations only. */
  maxFileBytes?: number;
}

interface SettingProblem {
  message: string;
  span: Span;
}

type Locate = (path: YamlPath, target?: 'key' | 'value') => Span;

/** Reads `limits:`; a wrong value is a located problem and leaves the default in place. */
export function parseLimitsSettings(value: unknown, at: Locate, problems: SettingProblem[]): LimitsSettings {
  const settings: LimitsSettings = {};
  const shape = '`limits` takes `maxFileBytes`: the size in bytes above which a file is read only for its refs, sources and declarations (default 1000000).';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ message: shape, span: at(['limits']) });
    return settings;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'maxFileBytes') {
      problems.push({ message: `Unknown key \`${key}\` in \`limits\`. ${shape}`, span: at(['limits', key], 'key') });
      continue;
    }
    if (typeof item === 'number' && Number.isSafeInteger(item) && item > 0) settings.maxFileBytes = item;
    else {
      problems.push({
        message: `\`limits.maxFileBytes\` must be a whole number of bytes above 0, not \`${JSON.stringify(item)}\`: files larger than it are read only for their refs, sources and declarations (default ${DEFAULT_MAX_FILE_BYTES}).`,
        span: at(['limits', key]),
      });
    }
  }
  return settings;
}

/** The limit that applies under a configuration: its own, else the default. */
export function maxFileBytesOf(config: { limits?: LimitsSettings } | undefined): number {
  return config?.limits?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
}

/**
 * The size of a text in UTF-8 bytes when it exceeds `maxFileBytes`, else undefined. A character takes one to three
 * bytes per UTF-16 unit, so most texts are decided from their length alone, without counting.
 */
export function bytesOverLimit(text: string, maxFileBytes: number): number | undefined {
  if (text.length * 3 <= maxFileBytes) return undefined;
  const bytes = utf8ByteLength(text);
  return bytes > maxFileBytes ? bytes : undefined;
}

function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one character of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
