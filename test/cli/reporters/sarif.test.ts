import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import { ruleDocsUrl } from '../../../server/src/core/findings';
import { FINGERPRINT_KEY } from '../../../server/src/cli/fingerprint';
import { encodePath, formatSarif, pascalCase } from '../../../server/src/cli/reporters/sarif';
import { describeWithShared, sharedPath } from '../../helpers/shared';
import { environment, finding, sampleReport, FILES } from './fixture';

// The parts of a SARIF log these tests read; the schema test checks the rest.
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRun {
  tool: { driver: { name: string; semanticVersion: string; rules: { id: string; name: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
  results: SarifResult[];
  originalUriBaseIds: Record<string, { uri?: string }>;
  columnKind: string;
}

function run(text: string): SarifRun {
  return (JSON.parse(text) as { runs: SarifRun[] }).runs[0];
}

describeWithShared('formatSarif against the SARIF 2.1.0 schema', () => {
  // ajv knows no formats by itself; these checks are strict enough to catch a malformed URI or date.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/') && !/[\s\\]/.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(sharedPath('sarif', 'sarif-schema-2.1.0.json'), 'utf8')));

  function assertValid(text: string): void {
    const valid = validate(JSON.parse(text));
    assert.ok(valid, ajv.errorsText(validate.errors, { separator: '\n' }));
  }

  it('validates a report with findings, fixes and multi-line messages', () => {
    assertValid(formatSarif(sampleReport(), environment()));
  });

  it('rejects what the schema forbids, so a passing check means something', () => {
    const log = JSON.parse(formatSarif(sampleReport(), environment()));
    log.runs[0].results[0].level = 'info';
    assert.equal(validate(log), false);
  });

  it('validates an empty report', () => {
    assertValid(formatSarif(sampleReport({ findings: [] }), environment()));
  });

  it('validates reports with a subfolder root, an absolute root and awkward file names', () => {
    const awkward = finding('sql/select-star', 'warning', 'models/my model#1/ünïcode 100%.sql', [0, 0, 0, 1], 'x');
    for (const root of ['analytics', '/srv/checkout/analytics', 'C:\\work\\dbt', '../elsewhere']) {
      assertValid(formatSarif(sampleReport({ root, findings: [awkward] }), environment()));
    }
  });
});

describe('formatSarif', () => {
  it('describes the tool and every rule that ran, with docs and default levels', () => {
    const { tool, columnKind } = run(formatSarif(sampleReport(), environment()));
    assert.equal(tool.driver.name, 'dplens');
    assert.equal(tool.driver.semanticVersion, '0.1.0');
    assert.equal(columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      tool.driver.rules.map((rule) => [rule.id, rule.name, rule.defaultConfiguration.level, rule.helpUri]),
      [
        ['dag/unknown-ref', 'DagUnknownRef', 'error', ruleDocsUrl('dag/unknown-ref')],
        ['sql/leading-comment', 'SqlLeadingComment', 'note', ruleDocsUrl('sql/leading-comment')],
        ['sql/select-star', 'SqlSelectStar', 'warning', ruleDocsUrl('sql/select-star')],
      ],
    );
  });

  it('points each ruleIndex at its rule and maps severities to levels', () => {
    const { tool, results } = run(formatSarif(sampleReport(), environment()));
    assert.equal(results.length, 3);
    for (const result of results) assert.equal(tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.level]),
      [
        ['sql/leading-comment', 'note'],
        ['dag/unknown-ref', 'error'],
        ['sql/select-star', 'warning'],
      ],
    );
  });

  it('adds a descriptor for a rule that reported without being listed', () => {
    const report = sampleReport({ findings: [finding('yaml/parse-error', 'error', 'models/_models.yml', [0, 0, 0, 1], 'Broken YAML.')] });
    const { tool, results } = run(formatSarif(report, environment()));
    assert.equal(tool.driver.rules[results[0].ruleIndex].id, 'yaml/parse-error');
  });

  it('writes one-based regions with an exclusive end column', () => {
    const { results } = run(formatSarif(sampleReport(), environment()));
    assert.deepEqual(results[1].locations[0].physicalLocation.region, { startLine: 4, startColumn: 5, endLine: 4, endColumn: 27 });
  });

  it('writes relative, percent-encoded URIs against %SRCROOT%', () => {
    const awkward = finding('sql/select-star', 'warning', 'models/my model#1/ünï 100%.sql', [0, 0, 0, 1], 'x');
    const { results } = run(formatSarif(sampleReport({ findings: [awkward] }), environment()));
    const location = results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: 'models/my%20model%231/%C3%BCn%C3%AF%20100%25.sql', uriBaseId: '%SRCROOT%' });
    assert.equal(encodePath('a/b c'), 'a/b%20c');
  });

  it('makes URIs relative to the working directory when the root is a subfolder of it', () => {
    const { results, originalUriBaseIds } = run(formatSarif(sampleReport({ root: './analytics/' }), environment()));
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'analytics/models/marts/fct_orders.sql');
    assert.equal(originalUriBaseIds['%SRCROOT%'].uri, undefined);
  });

  it('gives %SRCROOT% an absolute file URI when the root is absolute', () => {
    const posix = run(formatSarif(sampleReport({ root: '/srv/my repo' }), environment()));
    assert.equal(posix.originalUriBaseIds['%SRCROOT%'].uri, 'file:///srv/my%20repo/');
    assert.equal(posix.results[0].locations[0].physicalLocation.artifactLocation.uri, 'models/marts/fct_orders.sql');
    const windows = run(formatSarif(sampleReport({ root: 'C:\\work\\dbt\\' }), environment()));
    assert.equal(windows.originalUriBaseIds['%SRCROOT%'].uri, 'file:///C:/work/dbt/');
  });

  it('keeps a fingerprint when the finding moves to another line with the same text', () => {
    const before = sampleReport();
    const shifted = Object.fromEntries(Object.entries(FILES).map(([file, text]) => [file, `-- a new first line\n\n${text}`]));
    const after = sampleReport({
      findings: before.findings.map((item) => ({
        ...item,
        range: { start: { ...item.range.start, line: item.range.start.line + 2 }, end: { ...item.range.end, line: item.range.end.line + 2 } },
      })),
    });
    const fingerprints = (text: string) => run(text).results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    const original = fingerprints(formatSarif(before, environment()));
    assert.ok(original.every((value) => /^[0-9a-f]{16}$/.test(value)));
    assert.equal(new Set(original).size, original.length);
    assert.deepEqual(fingerprints(formatSarif(after, environment(shifted))), original);
  });

  it('changes a fingerprint when the text of the finding\'s line changes', () => {
    const report = sampleReport();
    const edited = { ...FILES, 'models/staging/stg_orders.sql': FILES['models/staging/stg_orders.sql'].replace('select * from source', 'select *  from source -- all') };
    const fingerprint = (env: ReturnType<typeof environment>) =>
      run(formatSarif(report, env)).results.find((result) => result.ruleId === 'sql/select-star')!.partialFingerprints[FINGERPRINT_KEY];
    assert.notEqual(fingerprint(environment(edited)), fingerprint(environment()));
  });

  it('turns rule ids into PascalCase names', () => {
    assert.equal(pascalCase('dag/unknown-ref'), 'DagUnknownRef');
    assert.equal(pascalCase('sql/select_star2'), 'SqlSelectStar2');
  });
});
