import assert from 'node:assert/strict';
import { formatText } from '../../../server/src/cli/reporters/text';
import { environment, finding, sampleReport } from './fixture';

const ESC = '\u001b';

describe('formatText', () => {
  it('prints one sorted line per finding, indented continuations, a summary and the parse coverage', () => {
    const expected = [
      'models/marts/fct_orders.sql:1:1 info sql/leading-comment This model is described only in a SQL comment.',
      '    Move the description to its YAML entry,',
      '    where docs and catalogs can see it.',
      "models/marts/fct_orders.sql:4:5 error dag/unknown-ref `ref('stg_order')` names no model: did you mean `stg_orders`?",
      'models/staging/stg_orders.sql:4:1 warning sql/select-star `select *` hides which columns this model exposes: list them.',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 info) in 42 files',
      'Parse coverage of 40 models: relations 39/40 (97%), columns 36/40 (90%), full parse 30/35 (85%), rendered 5',
      '',
    ].join('\n');
    assert.equal(formatText(sampleReport(), environment()), expected);
  });

  it('colours severities, makes paths bold and rules dim only when asked', () => {
    const expected = [
      `${ESC}[1mmodels/marts/fct_orders.sql:1:1${ESC}[22m ${ESC}[36minfo${ESC}[39m ${ESC}[2msql/leading-comment${ESC}[22m This model is described only in a SQL comment.`,
      '    Move the description to its YAML entry,',
      '    where docs and catalogs can see it.',
      `${ESC}[1mmodels/marts/fct_orders.sql:4:5${ESC}[22m ${ESC}[31merror${ESC}[39m ${ESC}[2mdag/unknown-ref${ESC}[22m \`ref('stg_order')\` names no model: did you mean \`stg_orders\`?`,
      `${ESC}[1mmodels/staging/stg_orders.sql:4:1${ESC}[22m ${ESC}[33mwarning${ESC}[39m ${ESC}[2msql/select-star${ESC}[22m \`select *\` hides which columns this model exposes: list them.`,
      '',
      `${ESC}[31m${ESC}[1m✖ 3 problems (1 error, 1 warning, 1 info) in 42 files${ESC}[22m${ESC}[39m`,
      `${ESC}[2mParse coverage of 40 models: relations 39/40 (97%), columns 36/40 (90%), full parse 30/35 (85%), rendered 5${ESC}[22m`,
      '',
    ].join('\n');
    assert.equal(formatText(sampleReport(), environment(undefined, true)), expected);
  });

  it('says so when there are no problems, with singular nouns', () => {
    const report = sampleReport({
      findings: [],
      files: 1,
      parseCoverage: { models: 1, relations: 1, columns: 1, ast: 0, astAttempted: 0, rendered: 0 },
    });
    assert.equal(
      formatText(report, environment()),
      '✔ No problems in 1 file\nParse coverage of 1 model: relations 1/1 (100%), columns 1/1 (100%), rendered 0\n',
    );
  });

  it('says when no model was examined', () => {
    const report = sampleReport({ findings: [], parseCoverage: { models: 0, relations: 0, columns: 0, ast: 0, astAttempted: 0, rendered: 0 } });
    assert.equal(formatText(report, environment()), '✔ No problems in 42 files\nParse coverage: no models examined\n');
  });

  it('colours the summary by the worst severity present', () => {
    const warningsOnly = sampleReport({ findings: sampleReport().findings.filter((item) => item.severity === 'warning') });
    const summary = formatText(warningsOnly, environment(undefined, true)).split('\n').at(-3);
    assert.equal(summary, `${ESC}[33m${ESC}[1m✖ 1 problem (0 errors, 1 warning, 0 infos) in 42 files${ESC}[22m${ESC}[39m`);
  });

  it('shows paths from the working directory when the root is a subfolder', () => {
    const report = sampleReport({ root: './analytics/', findings: [sampleReport().findings[0]] });
    assert.match(formatText(report, environment()), /^analytics\/models\/staging\/stg_orders\.sql:4:1 warning /);
  });

  it('escapes control characters from analysed files and accepts CRLF in messages', () => {
    const report = sampleReport({
      findings: [finding('sql/select-star', 'warning', 'models/a.sql', [0, 0, 0, 1], `name \`x${ESC}[2J\`\r\nsecond line`)],
    });
    const [first, second] = formatText(report, environment()).split('\n');
    assert.equal(first, 'models/a.sql:1:1 warning sql/select-star name `x\\x1b[2J`');
    assert.equal(second, '    second line');
  });
});
