/**
 * Validation of exported OpenLineage events against the specification in `../shared/reference/openlineage`
 * (spec 2-0-2): the core event schema, and each facet an event carries against its own facet schema.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { sharedPath } from './shared';

/** The facet schema file of each facet key the export writes, by where the facet sits. */
const FACET_FILES = {
  dataset: {
    columnLineage: 'ColumnLineageDatasetFacet',
    schema: 'SchemaDatasetFacet',
    documentation: 'DocumentationDatasetFacet',
    ownership: 'OwnershipDatasetFacet',
    datasetType: 'DatasetTypeDatasetFacet',
  },
  job: { sql: 'SQLJobFacet', jobType: 'JobTypeJobFacet' },
} as const;

export interface OpenLineageValidator {
  /** Asserts that an event is valid, and each of its facets against its facet schema; returns the facet keys seen. */
  assertValid(event: unknown): Set<string>;
}

export function openLineageValidator(): OpenLineageValidator {
  // ajv knows no formats by itself; these checks are strict enough to catch a malformed URI or date.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uuid', (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value));
  const read = (...segments: string[]) => JSON.parse(fs.readFileSync(sharedPath('openlineage', 'spec', ...segments), 'utf8'));
  const core = read('OpenLineage.json');
  assert.equal(core.$schema, 'https://json-schema.org/draft/2020-12/schema');
  ajv.addSchema(core);
  const validateEvent = ajv.getSchema(core.$id)!;
  const facets = new Map<string, { validate: ValidateFunction; id: string; name: string }>();
  for (const [place, files] of Object.entries(FACET_FILES)) {
    for (const [key, name] of Object.entries(files)) {
      const schema = read('facets', `${name}.json`);
      facets.set(`${place}.${key}`, { validate: ajv.compile(schema), id: schema.$id, name });
    }
  }
  const check = (place: 'dataset' | 'job', found: Record<string, unknown> | undefined, seen: Set<string>) => {
    for (const [key, value] of Object.entries(found ?? {})) {
      const facet = facets.get(`${place}.${key}`);
      assert.ok(facet, `no facet schema known for the ${place} facet \`${key}\``);
      assert.ok(facet.validate({ [key]: value }), `${key}: ${ajv.errorsText(facet.validate.errors)}`);
      assert.equal((value as { _schemaURL: string })._schemaURL, `${facet.id}#/$defs/${facet.name}`, `${key}: _schemaURL names the facet version validated against`);
      seen.add(`${place}.${key}`);
    }
  };
  return {
    assertValid(event) {
      assert.ok(validateEvent(event), ajv.errorsText(validateEvent.errors, { separator: '\n' }));
      const seen = new Set<string>();
      const typed = event as { job: { facets?: Record<string, unknown> }; inputs?: { facets?: Record<string, unknown> }[]; outputs?: { facets?: Record<string, unknown> }[] };
      check('job', typed.job.facets, seen);
      for (const dataset of [...(typed.inputs ?? []), ...(typed.outputs ?? [])]) check('dataset', dataset.facets, seen);
      return seen;
    },
  };
}
