/**
 * First diagnostics for the files open at start-up, before the whole workspace is indexed.
 *
 * Indexing a 5,000-model workspace takes over a second, most of it summarising SQL that the open file never
 * needs: to resolve its refs, only the names of the other models matter, and those are their file names.
 * The preview index therefore reads the open files, project files, snapshots and the properties files that
 * declare sources or versions, and lists every other file without reading it. Only rules whose verdict on the
 * open file is sound with such an index run; the full index replaces these diagnostics moments later.
 */
import { RuleRunner } from '../core/check';
import { readConfigScopes } from '../core/config/config-scopes';
import type { Finding } from '../core/findings';
import type { FileKind } from '../core/project/layout';
import { WorkspaceIndex } from '../core/project/workspace-index';
import { RULES } from '../core/rules/registry';
import { readExternalProfiles, readWorkspace } from '../io/workspace-reader';

/**
 * Rules that give the same verdict on an open file with the preview index as with the full one, at worst
 * missing a finding (for example a ref to a model disabled in its own SQL). `suppression/unused` is not
 * among them: a finding the preview cannot see would make a suppression look unused.
 */
export const PREVIEW_RULES = ['dag/unknown-ref', 'dag/unknown-source', 'jinja/syntax', 'sql/unparseable', 'yaml/syntax', 'yaml/invalid-properties', 'suppression/malformed'];

/** File kinds whose contents decide names or configuration that an open file's refs depend on. */
const READ_KINDS: ReadonlySet<FileKind> = new Set(['dbt-project', 'packages', 'profiles', 'dplens-config', 'snapshot', 'properties', 'macro']);

const DECLARES_NAMES = /^\s*(sources|versions|latest_version)\s*:/m;

export function previewFindings(folder: string, trusted: boolean, open: ReadonlyMap<string, string>): Finding[] {
  const read = readWorkspace(folder, { readContent: (path, kind) => READ_KINDS.has(kind) || open.has(path) });
  const files = read.files;
  for (const [path, text] of files) {
    // Properties files that declare no sources and no versions cannot change how a ref or source() resolves.
    if ((path.endsWith('.yml') || path.endsWith('.yaml')) && !open.has(path) && text !== '' && !DECLARES_NAMES.test(text) && isPropertiesLike(path)) files.set(path, '');
  }
  for (const [path, text] of open) files.set(path, text);
  const scopes = readConfigScopes(files);
  const index = WorkspaceIndex.build(files, {
    config: scopes.root,
    configFor: (projectRoot) => scopes.byProjectRoot.get(projectRoot),
    externalProfiles: trusted ? readExternalProfiles() : [],
  });
  const runner = new RuleRunner(index, scopes, RULES, PREVIEW_RULES);
  return runner.run({ files: new Set(open.keys()), fileRulesOnly: true });
}

function isPropertiesLike(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !['dbt_project.yml', 'packages.yml', 'dependencies.yml', 'profiles.yml', 'dplens.yml'].includes(name);
}
