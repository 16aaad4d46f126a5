/**
 * The editor settings the server honours (`dplens.*` in VS Code), pulled per resource with
 * `workspace/configuration`, cached per document and cleared when the client says they changed
 * (vscode-eslint's `resolveSettings`). Nothing here is global: a multi-root workspace may set them per folder.
 *
 * Clients without `workspace/configuration` (or that answer null, as most LSP clients do for an unknown
 * section) get the defaults, optionally overridden by `initializationOptions.settings`.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';

export type SeverityOverride = Finding['severity'] | 'off';

export interface ServerSettings {
  /** Diagnostics per kind of file: SQL (models, macros, tests), YAML (dbt, contracts, pipelines), Python models. */
  enable: { sql: boolean; yaml: boolean; python: boolean };
  /** Severity per rule id, over the rule's own and dplens.yml's; `off` hides the rule's diagnostics in the editor. */
  rules: Record<string, SeverityOverride>;
  /** The git ref contract and review checks compare against; empty for the default branch. */
  baseRef: string;
  /** The git ref the contract rules compare against, when it differs from `baseRef`; empty for `baseRef`. */
  contracts: { baseRef: string };
  inlayHints: { columnTypes: boolean; bytesRead: boolean };
  format: { keywordCase: 'upper' | 'lower' | 'preserve'; /** Spaces per level; 0 follows the editor's tab size. */ indent: number };
  cost: { /** On-demand price per TiB scanned, in `currency`. */ pricePerTiB: number; currency: string };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: { sql: true, yaml: true, python: true },
  rules: {},
  baseRef: '',
  contracts: { baseRef: '' },
  inlayHints: { columnTypes: true, bytesRead: true },
  format: { keywordCase: 'upper', indent: 0 },
  // BigQuery's on-demand list price, the most common way teams pay for scanned bytes.
  cost: { pricePerTiB: 6.25, currency: 'USD' },
};

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'off']);

/** Reads whatever the client sent, keeping each well-typed value and the default for anything else. */
export function normalizeSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const value = isObject(raw) ? raw : {};
  const enable = isObject(value.enable) ? value.enable : {};
  const hints = isObject(value.inlayHints) ? value.inlayHints : {};
  const format = isObject(value.format) ? value.format : {};
  const cost = isObject(value.cost) ? value.cost : {};
  const contracts = isObject(value.contracts) ? value.contracts : {};
  const rules: Record<string, SeverityOverride> = { ...base.rules };
  if (isObject(value.rules)) {
    for (const [rule, severity] of Object.entries(value.rules)) if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[rule] = severity as SeverityOverride;
  }
  return {
    enable: { sql: bool(enable.sql, base.enable.sql), yaml: bool(enable.yaml, base.enable.yaml), python: bool(enable.python, base.enable.python) },
    rules,
    baseRef: typeof value.baseRef === 'string' ? value.baseRef.trim() : base.baseRef,
    contracts: { baseRef: typeof contracts.baseRef === 'string' ? contracts.baseRef.trim() : base.contracts.baseRef },
    inlayHints: { columnTypes: bool(hints.columnTypes, base.inlayHints.columnTypes), bytesRead: bool(hints.bytesRead, base.inlayHints.bytesRead) },
    format: {
      keywordCase: format.keywordCase === 'upper' || format.keywordCase === 'lower' || format.keywordCase === 'preserve' ? format.keywordCase : base.format.keywordCase,
      indent: typeof format.indent === 'number' && Number.isInteger(format.indent) && format.indent >= 0 && format.indent <= 16 ? format.indent : base.format.indent,
    },
    cost: {
      pricePerTiB: typeof cost.pricePerTiB === 'number' && Number.isFinite(cost.pricePerTiB) && cost.pricePerTiB >= 0 ? cost.pricePerTiB : base.cost.pricePerTiB,
      currency: typeof cost.currency === 'string' && /^[A-Z]{3}$/.test(cost.currency) ? cost.currency : base.cost.currency,
    },
  };
}

/** Whether diagnostics are shown for a workspace file, by its extension. */
export function enabledFor(settings: ServerSettings, file: string): boolean {
  if (file.endsWith('.sql')) return settings.enable.sql;
  if (file.endsWith('.yml') || file.endsWith('.yaml')) return settings.enable.yaml;
  if (file.endsWith('.py')) return settings.enable.python;
  return true;
}

/** The finding as the editor shows it under the settings, or undefined when its rule is turned off there. */
export function applySeverity(settings: ServerSettings, finding: Finding): Finding | undefined {
  const override = settings.rules[finding.rule];
  if (override === undefined) return finding;
  if (override === 'off') return undefined;
  return override === finding.severity ? finding : { ...finding, severity: override };
}

/**
 * Settings per workspace folder, pulled lazily and cached until the client reports a change. VS Code resolves
 * resource-scoped settings per folder, never per file, so asking once per folder gives the same answers as asking
 * per document, without one request per file when thousands of files are published after indexing. A URI outside
 * every folder is its own scope.
 */
export class SettingsCache {
  private readonly pending = new Map<string, Promise<ServerSettings>>();
  private readonly resolved = new Map<string, ServerSettings>();
  private base: ServerSettings = DEFAULT_SETTINGS;
  private pull = false;
  /** Bumped by every clear, so that an answer to a pull made before it is not cached after it. */
  private generation = 0;
  /** Workspace folder URIs, each ending in `/`, longest first, so nested folders win. */
  private folders: string[] = [];

  constructor(private readonly connection: Connection) {}

  /** Called from `initialize`: whether to pull, the settings sent with `initializationOptions`, the folders. */
  configure(pull: boolean, initial: unknown, folderUris: string[] = []): void {
    this.pull = pull;
    this.folders = folderUris.map((uri) => (uri.endsWith('/') ? uri : `${uri}/`)).sort((a, b) => b.length - a.length);
    this.base = initial === undefined ? DEFAULT_SETTINGS : normalizeSettings(initial);
    this.clear();
  }

  get(documentUri: string): Promise<ServerSettings> {
    const uri = this.scopeOf(documentUri);
    const known = this.resolved.get(uri);
    if (known) return Promise.resolve(known);
    let settings = this.pending.get(uri);
    if (!settings) {
      settings = this.pull ? this.request(uri, this.generation) : Promise.resolve(this.base);
      this.pending.set(uri, settings);
    }
    return settings;
  }

  /** The scope a document's settings are asked for: its workspace folder (without the trailing slash). */
  private scopeOf(uri: string): string {
    const folder = this.folders.find((candidate) => uri.startsWith(candidate) || `${uri}/` === candidate);
    return folder ? folder.slice(0, -1) : uri;
  }

  /** Forgets every cached value; clients that push settings with didChangeConfiguration pass them here. */
  clear(pushed?: unknown): void {
    if (!this.pull && isObject(pushed) && isObject(pushed.dplens)) this.base = normalizeSettings(pushed.dplens);
    this.generation++;
    this.pending.clear();
    this.resolved.clear();
  }

  private async request(uri: string, generation: number): Promise<ServerSettings> {
    let settings = this.base;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dplens' });
      settings = normalizeSettings(raw, this.base);
    } catch {
      // A client that cannot answer still gets working defaults.
    }
    if (generation === this.generation) this.resolved.set(uri, settings);
    return settings;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
