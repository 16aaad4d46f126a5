/**
 * The data contract validators are compiled from the schemas at build time (scripts/generate-datacontract-validators.ts)
 * and committed: this test fails when a schema changed without `npm run generate:datacontract-validators`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATACONTRACT_VALIDATORS_FILE, generateDataContractValidators } from '../../scripts/generate-datacontract-validators';

describe('generated data contract validators', () => {
  it(`${DATACONTRACT_VALIDATORS_FILE} is what the schemas compile to (run \`npm run generate:datacontract-validators\` when this fails)`, () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../..', DATACONTRACT_VALIDATORS_FILE), 'utf8');
    assert.ok(committed === generateDataContractValidators(), `${DATACONTRACT_VALIDATORS_FILE} is stale`);
  });
});
