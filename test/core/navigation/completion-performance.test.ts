/**
 * Completion runs on every keystroke, so it must stay fast on large workspaces: a list of 5,000 model names is
 * cut to the limit well within a frame's budget, and the YAML cursor parses a window, not the whole file.
 * Timings are medians, and the YAML one is relative to a whole parse in the same run, so machine noise
 * affects both sides alike.
 */
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { checkWorkspace } from '../../../server/src/core/check';
import { COMPLETION_LIMIT, completionListAt } from '../../../server/src/core/navigation';
import { yamlCursorAt } from '../../../server/src/core/yaml/cursor-path';

function median(run: () => void, times = 15): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

describe('completion performance', function () {
  this.timeout(120_000);

  it('offers ref() names among 5,000 models in a few milliseconds', () => {
    const files = new Map<string, string>([['dbt_project.yml', "name: big\nversion: '1.0.0'\nprofile: big\n"], ['dplens.yml', 'adapter: bigquery\n']]);
    for (let i = 0; i < 5000; i++) files.set(`models/layer_${i % 20}/model_${i}.sql`, `select ${i} as id`);
    for (let folder = 0; folder < 20; folder++) {
      const entries = Array.from({ length: 250 }, (_, i) => `  - name: model_${folder + i * 20}\n    description: Model ${folder + i * 20}.`);
      files.set(`models/layer_${folder}/_models.yml`, `version: 2\nmodels:\n${entries.join('\n')}\n`);
    }
    const text = "select * from {{ ref('') }}\n";
    files.set('models/mart.sql', text);
    const { index } = checkWorkspace(files);
    const offset = text.indexOf("')");
    const list = completionListAt(index, 'models/mart.sql', offset);
    assert.equal(list.incomplete, true);
    assert.equal(list.items.length, COMPLETION_LIMIT);
    assert.match(list.items[0].documentation ?? '', /^Model \d+\.$/);
    const ms = median(() => completionListAt(index, 'models/mart.sql', offset));
    assert.ok(ms < 30, `completion took ${ms.toFixed(1)} ms (median)`);
  });

  it('parses a window around the cursor in a 10,000-line properties file, not the file', () => {
    const models = Array.from({ length: 1000 }, (_, i) =>
      [`  - name: model_${i}`, `    description: Model ${i}.`, '    config:', '      materialized: table', '    columns:', '      - name: id', '        data_tests: [unique, not_null]', '      - name: amount', '        data_type: numeric'].join('\n'),
    );
    const text = `version: 2\nmodels:\n${models.join('\n')}\n`;
    const probes = [500, 999].map((i) => text.indexOf(`      materialized: table`, text.indexOf(`- name: model_${i}\n`)) + '      materialized: ta'.length);
    for (const offset of probes) assert.deepEqual(yamlCursorAt(text, offset)?.path.slice(0, 2), ['models', probes.indexOf(offset) === 0 ? 500 : 999]);
    const whole = median(() => parseDocument(text), 5);
    const windowed = median(() => probes.forEach((offset) => yamlCursorAt(text, offset)), 5);
    assert.ok(windowed < whole / 5, `the cursor took ${windowed.toFixed(1)} ms, a whole parse ${whole.toFixed(1)} ms`);
  });
});
