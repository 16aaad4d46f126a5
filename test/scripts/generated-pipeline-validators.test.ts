/**
 * The dag-factory validators are compiled from the schema at build time (scripts/generate-pipeline-validators.ts)
 * and committed: this test fails when the schema changed without `npm run generate:pipeline-validators`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PIPELINE_VALIDATORS_FILE, generatePipelineValidators } from '../../scripts/generate-pipeline-validators';

describe('generated dag-factory validators', () => {
  it(`${PIPELINE_VALIDATORS_FILE} is what the schema compiles to (run \`npm run generate:pipeline-validators\` when this fails)`, () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../..', PIPELINE_VALIDATORS_FILE), 'utf8');
    assert.ok(committed === generatePipelineValidators(), `${PIPELINE_VALIDATORS_FILE} is stale`);
  });
});
