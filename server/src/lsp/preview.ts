/**
 * First diagnostics for the files open at start-up, before the whole workspace is indexed.
 *
 * Indexing a 5,000-model workspace takes over a second, most of it summarising SQL that the open file never
 * needs: to resolve its refs, only the names of the other models matter, and those are their file names.
 * The preview index therefore reads the open files, project files, snapshots and macros, and lists other
 * files without reading them. Only rules whose verdict on the open file is sound with such an index run; the
 * full index replaces these diagnostics moments later.
 *
 * It runs in two passes. The first keeps only what the open files can name: the model, seed and Python
 * files whose name the open files quote, and the properties files that declare sources or versions and
 * mention one of those names (on the 5k benchmark this is a dozen files instead of 5,000, ~40 ms instead of
 * ~400 ms). A name resolved in that subset resolves in the whole workspace too, so a clean first pass is the
 * answer. Only when it finds an unknown ref or source does the second pass list every file, because the
 * message's "Did you mean" and a ref produced inside a macro both need the names the first pass left out.
 */
import { RuleRunner } from '../core/check';
import { readConfigScopes } from '../core/config/config-scopes';
import type { Finding } from '../core/findings';
import { stem, type FileKind } from '../core/project/layout';
import { WorkspaceIndex } from '../core/project/workspace-index';
import { RULES } from '../core/rules/registry';
import { readExternalProfiles, readWorkspace } from '../io/workspace-reader';

/**
 * Rules that give the same verdict on an open file with the preview index as with the full one, at worst
 * missing a finding (for example a ref to a model disabled in its own SQL). `suppression/unused` is not
 * among them: a finding the preview cannot see would make a suppression look unused.
 */
export const PREVIEW_RULES = ['dag/unknown-ref', 'dag/unknown-source', 'jinja/syntax', 'sql/unparseable', 'yaml/syntax', 'yaml/invalid-properties', 'suppression/malformed'];

/** Rules whose finding in the first pass may only mean that the subset lacked a name. */
const NAME_RULES = new Set(['dag/unknown-ref', 'dag/unknown-source']);

/** File kinds whose contents decide names or configuration that an open file's refs depend on. */
const READ_KINDS: ReadonlySet<FileKind> = new Set(['dbt-project', 'packages', 'profiles', 'dplens-config', 'snapshot', 'properties', 'macro']);

const DECLARES_NAMES = /^\s*(sources|versions|latest_version)\s*:/m;

/** Files listed by name only: models, analyses, tests, Python models and seeds. */
const NAME_ONLY_FILE = /\.(sql|py|csv)$/;

/** The arguments of a ref() or source() call, in SQL, YAML tests or Python models (`dbt.ref("x")`). */
const NAME_CALL = /\b(?:ref|source)\s*\(([^)]*)\)/g;

/** A quoted word inside those arguments: a model, package, source or table name written literally. */
const QUOTED_NAME = /(['"])([A-Za-z0-9_.-]+)\1/g;

const DEFINED_IN = /defined_in\s*:\s*['"]?([A-Za-z0-9_.-]+)/g;

export interface PreviewStats {
  /** 1 when the first pass answered, 2 when the whole listing was needed. */
  passes: number;
  /** Files in the last pass's index. */
  files: number;
}

export function previewFindings(folder: string, trusted: boolean, open: ReadonlyMap<string, string>, stats?: PreviewStats): Finding[] {
  const read = readWorkspace(folder, { readContent: (path, kind) => READ_KINDS.has(kind) || open.has(path), stayInside: !trusted });
  const listing = read.files;
  for (const [path, text] of listing) {
    // Properties files that declare no sources and no versions cannot change how a ref or source() resolves.
    if ((path.endsWith('.yml') || path.endsWith('.yaml')) && !open.has(path) && text !== '' && !DECLARES_NAMES.test(text) && isPropertiesLike(path)) listing.set(path, '');
  }
  for (const [path, text] of open) listing.set(path, text);
  const external = trusted ? readExternalProfiles() : [];

  const first = runPreview(namedSubset(listing, open), open, external);
  if (!first.findings.some((finding) => NAME_RULES.has(finding.rule))) {
    if (stats) Object.assign(stats, { passes: 1, files: first.files });
    return first.findings;
  }
  const second = runPreview(listing, open, external);
  if (stats) Object.assign(stats, { passes: 2, files: second.files });
  return second.findings;
}

function runPreview(files: Map<string, string>, open: ReadonlyMap<string, string>, externalProfiles: ReturnType<typeof readExternalProfiles>): { findings: Finding[]; files: number } {
  const scopes = readConfigScopes(files);
  const index = WorkspaceIndex.build(files, {
    config: scopes.root,
    configFor: (projectRoot) => scopes.byProjectRoot.get(projectRoot),
    externalProfiles,
    // None of the preview's rules reads the schema checks of YAML files; the full index computes them.
    yamlChecks: false,
  });
  const runner = new RuleRunner(index, scopes, RULES, PREVIEW_RULES);
  return { findings: runner.run({ files: new Set(open.keys()), fileRulesOnly: true }), files: files.size };
}

/**
 * The listing without the name-only files and name-declaring properties files that the open files cannot
 * reach by a literal name. Versioned models live in `<name>_v<N>` files or wherever `defined_in` says.
 */
function namedSubset(listing: ReadonlyMap<string, string>, open: ReadonlyMap<string, string>): Map<string, string> {
  const names = new Set<string>();
  for (const text of open.values()) {
    for (const call of text.matchAll(NAME_CALL)) for (const match of call[1].matchAll(QUOTED_NAME)) names.add(match[2]);
  }
  const mentions = [...names].map((name) => new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[.-]/g, '\\$&')}(?![A-Za-z0-9_])`));
  const mentionsName = (text: string) => mentions.some((pattern) => pattern.test(text));
  const subset = new Map<string, string>();
  const definedIn = new Set<string>();
  for (const [path, text] of listing) {
    if (open.has(path) || !(path.endsWith('.yml') || path.endsWith('.yaml')) || text === '' || !isPropertiesLike(path)) continue;
    if (!mentionsName(text)) continue;
    subset.set(path, text);
    for (const match of text.matchAll(DEFINED_IN)) definedIn.add(match[1]);
  }
  const wanted = (path: string) => {
    const name = stem(path);
    if (names.has(name) || definedIn.has(name)) return true;
    const version = name.lastIndexOf('_v');
    return version > 0 && names.has(name.slice(0, version));
  };
  for (const [path, text] of listing) {
    if (subset.has(path)) continue;
    if (open.has(path)) subset.set(path, text);
    else if (text === '' && NAME_ONLY_FILE.test(path)) {
      if (wanted(path)) subset.set(path, text);
    } else if ((path.endsWith('.yml') || path.endsWith('.yaml')) && isPropertiesLike(path) && text !== '') {
      // A name-declaring properties file that mentions no quoted name of the open files is left out.
    } else subset.set(path, text);
  }
  return subset;
}

function isPropertiesLike(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !['dbt_project.yml', 'packages.yml', 'dependencies.yml', 'profiles.yml', 'dplens.yml'].includes(name);
}
