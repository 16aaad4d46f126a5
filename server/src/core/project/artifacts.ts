/**
 * dbt's build artifacts (`target/manifest.json`, `target/catalog.json`), read lazily to enrich the index:
 * column types and table statistics from the catalog. The static index stays the source of truth for what
 * is in the editor; artifacts only add what cannot be known statically (warehouse types, sizes).
 */
import { readArtifactJson, readCatalog, readManifest, type Catalog, type CatalogEntry, type Manifest } from '../artifacts';
import type { SyntaxIssue } from '../text';
import { joinPath } from './layout';
import type { DbtProject } from './index-types';

export interface ArtifactStatus {
  file: string;
  /** True when the file was caught mid-write (or is damaged) and only complete entries were kept. */
  partial: boolean;
  /** Why the file could not be read whole, located where reading stopped; absent when it was. */
  issue?: SyntaxIssue;
}

export class ProjectArtifacts {
  private catalogs = new Map<string, { catalog: Catalog; status: ArtifactStatus } | null>();
  private manifests = new Map<string, { manifest: Manifest; status: ArtifactStatus } | null>();
  private manifestChecks = new Map<string, ArtifactStatus | null>();

  constructor(private readonly text: (path: string) => string | undefined) {}

  /** The paths of a project's artifacts, whether or not they exist. */
  static paths(project: DbtProject): { manifest: string; catalog: string } {
    const target = joinPath(project.root, project.parsed.targetPath);
    return { manifest: joinPath(target, 'manifest.json'), catalog: joinPath(target, 'catalog.json') };
  }

  /** Parsing a catalog can take a while on a large project, so it happens on first use, once. */
  catalog(project: DbtProject): { catalog: Catalog; status: ArtifactStatus } | undefined {
    if (!this.catalogs.has(project.id)) {
      const file = ProjectArtifacts.paths(project).catalog;
      const text = this.text(file);
      if (text === undefined) this.catalogs.set(project.id, null);
      else {
        const read = readCatalog(text);
        this.catalogs.set(project.id, { catalog: read.catalog, status: statusOf(file, read.partial, read.errors) });
      }
    }
    return this.catalogs.get(project.id) ?? undefined;
  }

  manifest(project: DbtProject): { manifest: Manifest; status: ArtifactStatus } | undefined {
    if (!this.manifests.has(project.id)) {
      const file = ProjectArtifacts.paths(project).manifest;
      const text = this.text(file);
      if (text === undefined) this.manifests.set(project.id, null);
      else {
        const read = readManifest(text);
        this.manifests.set(project.id, { manifest: read.manifest, status: statusOf(file, read.partial, read.errors) });
      }
    }
    return this.manifests.get(project.id) ?? undefined;
  }

  /**
   * Whether the manifest can be read whole, without keeping it: nothing uses the manifest's contents yet, and a
   * large project's manifest is hundreds of megabytes. A complete JSON object ends with `}`, so only a file that
   * does not (one dbt is writing, or a damaged one) is parsed, to say where it stops. Once the manifest has been
   * read for its contents, that read's status is used instead.
   */
  manifestStatus(project: DbtProject): ArtifactStatus | undefined {
    const read = this.manifests.get(project.id);
    if (read !== undefined) return read?.status;
    if (!this.manifestChecks.has(project.id)) {
      const file = ProjectArtifacts.paths(project).manifest;
      const text = this.text(file);
      if (text === undefined) this.manifestChecks.set(project.id, null);
      else if (text.trimEnd().endsWith('}')) this.manifestChecks.set(project.id, { file, partial: false });
      else {
        const json = readArtifactJson(text, 'manifest.json');
        this.manifestChecks.set(project.id, statusOf(file, json.partial, json.errors));
      }
    }
    return this.manifestChecks.get(project.id) ?? undefined;
  }

  catalogEntry(project: DbtProject, uniqueId: string): CatalogEntry | undefined {
    return this.catalog(project)?.catalog.entries.get(uniqueId);
  }

  /** Forgets a project's artifacts after dbt rewrote them. */
  invalidate(file: string): void {
    for (const [id, entry] of this.catalogs) if (entry?.status.file === file) this.catalogs.delete(id);
    for (const [id, entry] of this.manifests) if (entry?.status.file === file) this.manifests.delete(id);
    for (const [id, entry] of this.manifestChecks) if (entry?.file === file) this.manifestChecks.delete(id);
    // A file that did not exist before has no entry keyed by it; forget the "absent" markers too.
    for (const [id, entry] of this.catalogs) if (entry === null) this.catalogs.delete(id);
    for (const [id, entry] of this.manifests) if (entry === null) this.manifests.delete(id);
    for (const [id, entry] of this.manifestChecks) if (entry === null) this.manifestChecks.delete(id);
  }
}

function statusOf(file: string, partial: boolean, errors: SyntaxIssue[]): ArtifactStatus {
  return { file, partial: partial || errors.length > 0, ...(errors.length > 0 ? { issue: errors[0] } : {}) };
}
