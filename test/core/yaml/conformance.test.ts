/**
 * dbt-jsonschema's valid examples must load and parse with no errors or problems of ours.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describeWithShared, sharedPath } from '../../helpers/shared';
import { parseDbtProject } from '../../../server/src/core/yaml/dbt-project';
import { loadYaml } from '../../../server/src/core/yaml/load';
import { parsePackages } from '../../../server/src/core/yaml/packages';
import { parseProperties } from '../../../server/src/core/yaml/properties';

describeWithShared('conformance: dbt-jsonschema valid examples', () => {
  const folder = sharedPath('dbt-jsonschema', 'tests', 'valid');
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yml'));

  it('finds the examples', () => {
    assert.ok(files.includes('dbt_yml_files.yml'));
    assert.ok(files.includes('dbt_project.yml'));
  });

  for (const name of files) {
    it(`${name} loads and parses cleanly`, () => {
      const text = fs.readFileSync(`${folder}/${name}`, 'utf8');
      const loaded = loadYaml(text);
      assert.deepEqual(loaded.errors, []);
      if (name === 'dbt_yml_files.yml') {
        const parsed = parseProperties(text);
        assert.deepEqual(parsed.errors, []);
        assert.deepEqual(parsed.problems, []);
        assert.ok(parsed.file.models.length > 0 && parsed.file.sources.length > 0);
        assert.ok(parsed.file.unitTests.length > 0 && parsed.file.semanticModels.length > 0);
      } else if (name === 'dbt_project.yml') {
        const parsed = parseDbtProject(text);
        assert.deepEqual(parsed.errors, []);
        assert.deepEqual(parsed.problems, []);
        assert.ok(parsed.project.name);
      } else if (name === 'packages.yml' || name === 'dependencies.yml') {
        const parsed = parsePackages(text);
        assert.deepEqual(parsed.errors, []);
        assert.deepEqual(parsed.problems, []);
        assert.ok(parsed.packages.length > 0);
      }
      // selectors.yml and dbt_cloud.yml have no reader of ours: loading them cleanly is the check.
    });
  }

  it('the invalid examples never make a reader throw', () => {
    const invalid = sharedPath('dbt-jsonschema', 'tests', 'invalid');
    for (const name of fs.readdirSync(invalid)) {
      const text = fs.readFileSync(`${invalid}/${name}`, 'utf8');
      parseProperties(text);
      parseDbtProject(text);
      parsePackages(text);
    }
  });
});
