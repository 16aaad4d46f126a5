/**
 * Conformance of the data contract checks with the standards: every official ODCS and Data Contract Specification
 * example passes `datacontract/schema` and the lint rules; datacontract-cli's lint fixtures pass or fail as upstream
 * says; and mutated examples fail with an error on the mutated line. The examples are read from ../shared/reference
 * by this test only; the product never loads them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import { FIXTURE_DEFAULTS } from '../../../server/src/core/rules/fixture';
import { describeWithShared, sharedPath } from '../../helpers/shared';

/** The rules of this family that read one contract (the breaking-change rules need a git base and stay silent here). */
const CONTRACT_RULES = ['datacontract/schema', 'datacontract/duplicate-property', 'datacontract/key-position', 'datacontract/invalid-pattern', 'datacontract/invalid-range', 'datacontract/type-mismatch', 'datacontract/unresolved-reference'];

/** The findings of the contract rules for one file, placed in a workspace as `placedAt`. */
function contractFindings(text: string, placedAt: string): Finding[] {
  const files = new Map<string, string>([...Object.entries(FIXTURE_DEFAULTS), [placedAt, text]]);
  return checkWorkspace(files).findings.filter((finding) => CONTRACT_RULES.includes(finding.rule) && finding.file === placedAt);
}

function listYaml(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? listYaml(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const describeFindings = (findings: Finding[]) => findings.map((finding) => `${finding.rule} ${finding.severity} line ${finding.range.start.line + 1}: ${finding.message}`).join('\n') || '(none)';

/**
 * Findings on official examples that are right, and stay expected (no error among them, and no lint finding:
 * `full-example` relates to `receiver_types.type_code`, an object the file does not define, which
 * `datacontract/unresolved-reference` takes to live in another contract). Four v3.0.2 files use what ODCS published in v3.1.0 and get the one info hint of decision 0011 at `apiVersion`.
 */
const EXPECTED_ON_OFFICIAL: Record<string, { rule: string; severity: string; line: number }[]> = {
  'odcs/examples/quality/column-completeness.odcs.yaml': [{ rule: 'datacontract/schema', severity: 'info', line: 0 }],
  'odcs/examples/stakeholders/basic-four-dpo.odcs.yaml': [{ rule: 'datacontract/schema', severity: 'info', line: 0 }],
  'odcs/examples/data-types/all-data-types.odcs.yaml': [{ rule: 'datacontract/schema', severity: 'info', line: 0 }],
  'datacontract-cli-lint/valid.odcs.yaml': [{ rule: 'datacontract/schema', severity: 'info', line: 0 }],
};

/** The 1-based line of the first line matching `pattern` in `text`. */
function lineOf(text: string, pattern: RegExp): number {
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  assert.ok(index >= 0, `no line matches ${pattern}`);
  return index + 1;
}

function assertExpected(file: string, findings: Finding[], text: string): void {
  const expected = EXPECTED_ON_OFFICIAL[file] ?? [];
  const actual = findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, line: finding.range.start.line + 1 }));
  // The info hint sits on the `apiVersion:` line, wherever the file puts it.
  const resolved = expected.map((entry) => (entry.line === 0 ? { ...entry, line: lineOf(text, /^apiVersion:/) } : entry));
  assert.deepEqual(actual, resolved, `${file}:\n${describeFindings(findings)}`);
  assert.ok(findings.every((finding) => finding.severity !== 'error'), `${file} has errors:\n${describeFindings(findings)}`);
}

describeWithShared('data contract conformance', () => {
  describe('every official ODCS example passes the schema and the lint rules', () => {
    const folder = sharedPath('odcs', 'examples');
    for (const file of listYaml(folder)) {
      const relative = path.relative(sharedPath(), file).split(path.sep).join('/');
      it(relative, () => {
        const text = fs.readFileSync(file, 'utf8');
        assertExpected(relative, contractFindings(text, `contracts/${path.basename(file)}`), text);
      });
    }
  });

  describe('every official Data Contract Specification example passes the schema and the lint rules', () => {
    const examples = sharedPath('datacontract-specification', 'examples');
    const files = [...fs.readdirSync(examples).map((name) => path.join(examples, name, 'datacontract.yaml')), sharedPath('datacontract-specification', 'datacontract.init.yaml')];
    for (const file of files) {
      const relative = path.relative(sharedPath(), file).split(path.sep).join('/');
      it(relative, () => {
        const text = fs.readFileSync(file, 'utf8');
        assertExpected(relative, contractFindings(text, `contracts/${path.basename(path.dirname(file))}/datacontract.yaml`), text);
      });
    }
  });

  describe("datacontract-cli's lint fixtures pass and fail as upstream says", () => {
    const lint = (name: string) => {
      const text = fs.readFileSync(sharedPath('datacontract-cli-lint', name), 'utf8');
      // Every fixture is named so that the reader recognises it; `odcs_with_extra_top_level.yaml` by its shape.
      return { text, findings: contractFindings(text, `contracts/${name}`) };
    };
    for (const name of ['valid.odcs.yaml', 'valid-3.1.0.odcs.yaml', 'valid_datacontract.yaml', 'valid_datacontract_ref.yaml', 'valid_datacontract_references.yaml']) {
      it(`${name} passes`, () => {
        const { text, findings } = lint(name);
        assertExpected(`datacontract-cli-lint/${name}`, findings, text);
      });
    }
    // Upstream passes custom_datacontract.yaml against its own schema (custom_datacontract.schema.json), which
    // Data Platform Lens does not load: it declares DCS 0.9.2, which is checked against the 1.2.1 schema, and passes that too.
    it('custom_datacontract.yaml passes against the standard schema', () => {
      const { findings } = lint('custom_datacontract.yaml');
      assert.deepEqual(findings, [], describeFindings(findings));
    });
    const errorsOf = (findings: Finding[]) => findings.filter((finding) => finding.rule === 'datacontract/schema' && finding.severity === 'error');
    it('invalid.odcs.yaml fails with at least one error', () => {
      assert.ok(errorsOf(lint('invalid.odcs.yaml').findings).length >= 1);
    });
    it('invalid_multiple_errors.odcs.yaml fails with more than one error', () => {
      assert.ok(errorsOf(lint('invalid_multiple_errors.odcs.yaml').findings).length > 1);
    });
    it('invalid_multiple_schema_errors.odcs.yaml fails at the description of `no_description_schema`', () => {
      const { text, findings } = lint('invalid_multiple_schema_errors.odcs.yaml');
      const errors = errorsOf(findings);
      assert.equal(errors.length, 1, describeFindings(findings));
      assert.match(errors[0].message, /^`schema\[0\]\.description` must be a string/);
      const objectLine = lineOf(text, /name: no_description_schema/);
      assert.ok(errors[0].range.start.line + 1 > objectLine && errors[0].range.start.line + 1 <= objectLine + 3, describeFindings(findings));
    });
    it('invalid_datacontract.yaml fails', () => {
      const errors = errorsOf(lint('invalid_datacontract.yaml').findings);
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /has no `id`/);
    });
    // Upstream passes this file against its own schema, which allows the extra key; against the standard it fails
    // at that key, which is what Data Platform Lens checks (it loads no user schemas).
    it('odcs_with_extra_top_level.yaml fails at its unknown top-level key', () => {
      const { text, findings } = lint('odcs_with_extra_top_level.yaml');
      const errors = errorsOf(findings);
      assert.equal(errors.length, 1, describeFindings(findings));
      assert.equal(errors[0].range.start.line + 1, lineOf(text, /^change_management:/));
    });
  });

  describe('mutated examples fail with an error on the mutated line', () => {
    const odcs = () => fs.readFileSync(sharedPath('odcs', 'examples', 'schema', 'table-column.odcs.yaml'), 'utf8');
    const dcs = () => fs.readFileSync(sharedPath('datacontract-specification', 'examples', 'orders-latest', 'datacontract.yaml'), 'utf8');
    const cases: { name: string; source: () => string; placedAt: string; mutate: (text: string) => string; line: RegExp; message: RegExp }[] = [
      { name: 'ODCS: a wrong type', source: odcs, placedAt: 'contracts/t.odcs.yaml', mutate: (text) => text.replace(/^ {4}physicalType: table$/m, '    physicalType: [table]'), line: /physicalType: \[table\]/, message: /`schema\[0\]\.physicalType` must be a string, but it is a list/ },
      { name: 'ODCS: an unknown top-level key', source: odcs, placedAt: 'contracts/t.odcs.yaml', mutate: (text) => text.replace(/^status: active$/m, 'status: active\nstatuss: draft'), line: /^statuss:/, message: /`statuss` is not a key the standard defines for a data contract.*Did you mean `status`\?/ },
      { name: 'ODCS: a bad enum value', source: odcs, placedAt: 'contracts/t.odcs.yaml', mutate: (text) => text.replace(/logicalType: string/, 'logicalType: strnig'), line: /logicalType: strnig/, message: /must be one of string, date, number, integer, object, array, boolean: `strnig` is not.*Did you mean `string`\?/ },
      { name: 'ODCS: a missing required key', source: odcs, placedAt: 'contracts/t.odcs.yaml', mutate: (text) => text.replace(/^ {2}- name: tbl$/m, '  - businessName: tbl'), line: /- businessName: tbl/, message: /`schema\[0\]` has no `name`, which the standard requires of a schema object/ },
      { name: 'ODCS: a wrong apiVersion', source: odcs, placedAt: 'contracts/t.odcs.yaml', mutate: (text) => text.replace(/^apiVersion: v3\.0\.2$/m, 'apiVersion: v3.9.0'), line: /^apiVersion:/, message: /`apiVersion: v3\.9\.0` is not an Open Data Contract Standard version/ },
      { name: 'DCS: a wrong type', source: dcs, placedAt: 'contracts/datacontract.yaml', mutate: (text) => text.replace(/^ {2}title: Orders Latest$/m, '  title: Orders Latest\n  version: [2]').replace(/^ {2}version: [^\[].*$/m, ''), line: /^ {2}version: \[2\]/, message: /`info\.version` must be a string/ },
      { name: 'DCS: a bad enum value', source: dcs, placedAt: 'contracts/datacontract.yaml', mutate: (text) => text.replace(/^ {4}type: table$/m, '    type: tabel'), line: /type: tabel/, message: /must be one of table, view, object: `tabel` is not.*Did you mean `table`\?/ },
      { name: 'DCS: a missing required key', source: dcs, placedAt: 'contracts/datacontract.yaml', mutate: (text) => text.replace(/^ {2}title: Orders Latest\n/m, ''), line: /^info:/, message: /`info` has no `title`/ },
      { name: 'DCS: a wrong version', source: dcs, placedAt: 'contracts/datacontract.yaml', mutate: (text) => text.replace(/^dataContractSpecification: .*$/m, 'dataContractSpecification: 2.0.0'), line: /^dataContractSpecification:/, message: /`dataContractSpecification: 2\.0\.0` is not a Data Contract Specification version/ },
    ];
    for (const mutation of cases) {
      it(mutation.name, () => {
        const original = mutation.source();
        const text = mutation.mutate(original);
        assert.notEqual(text, original, 'the mutation changed nothing');
        const errors = contractFindings(text, mutation.placedAt).filter((finding) => finding.severity === 'error');
        assert.equal(errors.length, 1, describeFindings(errors));
        assert.equal(errors[0].rule, 'datacontract/schema');
        assert.equal(errors[0].range.start.line + 1, lineOf(text, mutation.line), describeFindings(errors));
        assert.match(errors[0].message, mutation.message);
      });
    }
  });
});
