/**
 * dbt's build artifacts (`target/manifest.json`, `target/catalog.json`), read lazily to enrich the index:
 * column types and table statistics from the catalog. The static index stays the source of truth for what
 * is in the editor; artifacts only add what cannot be known statically (warehouse types, sizes).
 */
import { readCatalog, readManifest, type Catalog, type CatalogEntry, type Manifest } from '../artifacts';
import { joinPath } from './layout';
import type { DbtProject } from './index-types';

export interface ArtifactStatus {
  file: string;
  /** True when the file was caught mid-write (or is damaged) and only complete entries were kept. */
  partial: boolean;
}

export class ProjectArtifacts {
  private catalogs = new Map<string, { catalog: Catalog; status: ArtifactStatus } | null>();
  private manifests = new Map<string, { manifest: Manifest; status: ArtifactStatus } | null>();

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
        this.catalogs.set(project.id, { catalog: read.catalog, status: { file, partial: read.partial || read.errors.length > 0 } });
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
        this.manifests.set(project.id, { manifest: read.manifest, status: { file, partial: read.partial || read.errors.length > 0 } });
      }
    }
    return this.manifests.get(project.id) ?? undefined;
  }

  catalogEntry(project: DbtProject, uniqueId: string): CatalogEntry | undefined {
    return this.catalog(project)?.catalog.entries.get(uniqueId);
  }

  /** Forgets a project's artifacts after dbt rewrote them. */
  invalidate(file: string): void {
    for (const [id, entry] of this.catalogs) if (entry?.status.file === file) this.catalogs.delete(id);
    for (const [id, entry] of this.manifests) if (entry?.status.file === file) this.manifests.delete(id);
    // A file that did not exist before has no entry keyed by it; forget the "absent" markers too.
    for (const [id, entry] of this.catalogs) if (entry === null) this.catalogs.delete(id);
    for (const [id, entry] of this.manifests) if (entry === null) this.manifests.delete(id);
  }
}
