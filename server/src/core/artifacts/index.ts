/**
 * Readers for dbt's build artifacts in `target/`: tolerant of files caught mid-write.
 */
export { readManifest, type Manifest, type ManifestNode, type ManifestSource, type ManifestColumn, type ManifestMetadata, type RelationParts, type ReadManifestResult } from './manifest';
export { readCatalog, type Catalog, type CatalogEntry, type CatalogColumn, type CatalogStats, type ReadCatalogResult } from './catalog';
export { parseJsonTolerantly, type TolerantJson } from './tolerant-json';
export { readArtifactJson, type ArtifactJson } from './artifact-read';
