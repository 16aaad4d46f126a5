/**
 * Seeds are listed, never read, with one exception: dbt-project-evaluator's exceptions seed, which the standards
 * rules honour.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWorkspace } from '../../server/src/io/workspace-reader';

describe('workspace reader: seeds', () => {
  it('reads dbt_project_evaluator_exceptions.csv and lists other seeds without their rows', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-seeds-'));
    fs.mkdirSync(path.join(root, 'seeds'));
    fs.writeFileSync(path.join(root, 'dbt_project.yml'), "name: shop\nversion: '1.0.0'\nprofile: shop\n");
    fs.writeFileSync(path.join(root, 'seeds', 'country_codes.csv'), 'code,name\nDE,Germany\n');
    const exceptions = 'fct_name,column_name,id_to_exclude,comment\nfct_model_fanout,parent,stg_%,ok\n';
    fs.writeFileSync(path.join(root, 'seeds', 'dbt_project_evaluator_exceptions.csv'), exceptions);
    const { files } = readWorkspace(root);
    assert.equal(files.get('seeds/country_codes.csv'), '');
    assert.equal(files.get('seeds/dbt_project_evaluator_exceptions.csv'), exceptions);
  });
});
