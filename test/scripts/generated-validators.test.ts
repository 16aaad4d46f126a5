/**
 * The YAML validators are compiled from the schemas at build time (scripts/generate-validators.ts) and committed:
 * this test fails when a schema changed without `npm run generate:validators`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateValidators, VALIDATORS_FILE } from '../../scripts/generate-validators';

describe('generated YAML validators', () => {
  it(`${VALIDATORS_FILE} is what the schemas compile to (run \`npm run generate:validators\` when this fails)`, () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../..', VALIDATORS_FILE), 'utf8');
    assert.ok(committed === generateValidators(), `${VALIDATORS_FILE} is stale`);
  });
});
