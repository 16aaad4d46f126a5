/**
 * Conformance of the product's own dbt YAML schemas (server/src/core/yaml/schemas) with dbt-jsonschema's test
 * files in ../shared/reference/dbt-jsonschema/tests: every file under valid/ yields no yaml/unknown-key or
 * yaml/invalid-value finding, and every file under invalid/ yields at least one, located on an offending key.
 *
 * The schema that applies follows from the file name, as it does in a project.
 * `dbt_cloud.yml` is not a dbt file the product validates (it configures the dbt Cloud CLI), so it is skipped.
 *
 * Where dbt's documentation and dbt-jsonschema disagree, dbt wins (the schemas trail dbt releases):
 * - valid/dbt_yml_files.yml has a unit test without `given`; dbt documents `given` as the inputs, and a model
 *   without inputs needs none, so only `model` and `expect` are required (both sides agree on acceptance).
 * - valid/*: `tests:` on columns and in dbt_project.yml, and `target-path` in dbt_project.yml, are accepted by
 *   both but reported by yaml/deprecated-key (a warning, not an error): dbt ≥ 1.8 documents `data_tests:` and
 *   dbt 1.5 moved `target-path` to a flag.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { checkWorkspace } from '../../../server/src/core/check';
import { loadYaml } from '../../../server/src/core/yaml/load';
import { locateYamlPath } from '../../../server/src/core/yaml/locate';
import { deprecatedKeys, validateDbtYamlText, type DbtYamlKind } from '../../../server/src/core/yaml/validate';
import { describeWithShared, sharedPath } from '../../helpers/shared';

const KINDS: Record<string, DbtYamlKind> = {
  'dbt_yml_files.yml': 'properties',
  'dbt_project.yml': 'dbt-project',
  'selectors.yml': 'selectors',
  'packages.yml': 'packages',
  'dependencies.yml': 'dependencies',
};

/** The keys each invalid file gets wrong, written by reading the files (at least one must be reported on its key). */
const OFFENDING: Record<string, string[]> = {
  'dbt_yml_files.yml': ['jarrod', 'nomar', 'calculation_method', 'invalid_key', 'group', 'type', 'description', 'export_as', 'schema', 'metrics'],
  'dbt_project.yml': ['+bogus_key', 'semantic_models', '+enabled', '+severity', 'no_numbers'],
  'selectors.yml': ['selector'],
  'packages.yml': ['version_number', 'git_address', 'local_path'],
  'dependencies.yml': ['gnome', 'pancakeages'],
};

describeWithShared('dbt-jsonschema conformance of the yaml/ schema rules', () => {
  const root = sharedPath('dbt-jsonschema', 'tests');
  for (const [file, kind] of Object.entries(KINDS)) {
    it(`valid/${file} yields no unknown key or invalid value`, () => {
      const text = fs.readFileSync(`${root}/valid/${file}`, 'utf8');
      assert.deepEqual(validateDbtYamlText(kind, text), []);
    });
    it(`invalid/${file} yields a finding on an offending key`, () => {
      const text = fs.readFileSync(`${root}/invalid/${file}`, 'utf8');
      const issues = validateDbtYamlText(kind, text);
      assert.ok(issues.length > 0, 'no finding');
      const located = issues.map((issue) => {
        const span = locateYamlPath(text, issue.path, 'key');
        return span ? text.slice(span.start, span.end).replace(/^['"]|['"]$/g, '') : '';
      });
      assert.ok(located.some((key) => OFFENDING[file].includes(key)), `findings located on ${located.join(', ')}`);
    });
  }
  /** The file checked as the product checks it: placed in a project under its own name, through every rule. */
  const check = (file: string, text: string) => {
    const name = file === 'dbt_yml_files.yml' ? 'models/dbt_yml_files.yml' : file;
    const files = new Map([[name, text], ['models/a.sql', 'select 1 as id']]);
    if (file !== 'dbt_project.yml') files.set('dbt_project.yml', 'name: conformance\nprofile: conformance\n');
    const findings = checkWorkspace(files).findings.filter((finding) => finding.file === name && finding.rule.startsWith('yaml/'));
    return { name, findings, lines: text.split('\n') };
  };
  for (const file of Object.keys(KINDS)) {
    it(`valid/${file} yields no yaml/ finding but documented deprecations when checked as a project file`, () => {
      const { findings } = check(file, fs.readFileSync(`${root}/valid/${file}`, 'utf8'));
      assert.deepEqual(findings.filter((finding) => finding.rule !== 'yaml/deprecated-key').map((finding) => `${finding.range.start.line + 1} ${finding.rule} ${finding.message}`), []);
    });
    it(`invalid/${file} yields a yaml/ finding on an offending key (or its value) when checked as a project file`, () => {
      const { findings, lines } = check(file, fs.readFileSync(`${root}/invalid/${file}`, 'utf8'));
      // A finding is on the offending key when the key is what it underlines, or, for an invalid value, the key of its line.
      const onOffendingKey = findings.filter((finding) => {
        const line = lines[finding.range.start.line];
        const underlined = line.slice(finding.range.start.character, finding.range.end.line === finding.range.start.line ? finding.range.end.character : undefined).replace(/^['"]|['"]$/g, '');
        const keyOfLine = /^\s*(?:-\s+)?['"]?([^'":]+)['"]?\s*:/.exec(line)?.[1];
        return OFFENDING[file].includes(underlined) || (finding.rule === 'yaml/invalid-value' && keyOfLine !== undefined && OFFENDING[file].includes(keyOfLine));
      });
      assert.ok(onOffendingKey.length > 0, `findings on ${findings.map((finding) => `${finding.range.start.line + 1} ${finding.rule}`).join(', ') || '(none)'}`);
    });
  }
  it('valid files only carry deprecations dbt documents (tests → data_tests, target-path)', () => {
    const properties = deprecatedKeys('properties', loadYaml(fs.readFileSync(`${root}/valid/dbt_yml_files.yml`, 'utf8')).value);
    assert.ok(properties.every((found) => found.key === 'tests'));
    const project = deprecatedKeys('dbt-project', loadYaml(fs.readFileSync(`${root}/valid/dbt_project.yml`, 'utf8')).value);
    assert.deepEqual(project.map((found) => found.key).sort(), ['target-path', 'tests']);
  });
});
