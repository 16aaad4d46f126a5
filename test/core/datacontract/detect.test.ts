/** Recognising data contract files by name and by the shape of their top-level lines, and classifying them in the index. */
import assert from 'node:assert/strict';
import { detectDataContract, hasDataContractName, sniffDataContract } from '../../../server/src/core/datacontract/detect';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { FIXTURE_DEFAULTS } from '../../../server/src/core/rules/fixture';

const ODCS = 'apiVersion: v3.1.0\nkind: DataContract\nid: x\n';
const DCS = 'dataContractSpecification: 1.2.1\nid: x\n';

describe('data contract detection', () => {
  const cases: { name: string; path: string; text: string; expected: ReturnType<typeof detectDataContract> }[] = [
    { name: 'ODCS by shape', path: 'any/file.yml', text: ODCS, expected: { flavour: 'odcs', version: 'v3.1.0' } },
    { name: 'ODCS with quoted values and comments', path: 'x.yaml', text: 'kind: "DataContract"  # odcs\napiVersion: \'v3.0.2\'\n', expected: { flavour: 'odcs', version: 'v3.0.2' } },
    { name: 'DCS by shape', path: 'x.yaml', text: DCS, expected: { flavour: 'dcs', version: '1.2.1' } },
    { name: 'DCS with a quoted version', path: 'x.yaml', text: 'dataContractSpecification: "1.1.0"\n', expected: { flavour: 'dcs', version: '1.1.0' } },
    { name: 'ODCS v2 is not ODCS v3', path: 'x.yaml', text: 'apiVersion: v2.2.2\nkind: DataContract\n', expected: undefined },
    { name: 'a Kubernetes manifest is not a contract', path: 'k8s.yaml', text: 'apiVersion: v1\nkind: ConfigMap\n', expected: undefined },
    { name: 'nested keys do not count', path: 'x.yaml', text: 'models:\n  dataContractSpecification: 1.2.1\n', expected: undefined },
    { name: 'dbt properties are not contracts', path: 'models/_models.yml', text: 'version: 2\nmodels:\n  - name: orders\n', expected: undefined },
    { name: '*.odcs.yaml by name, without a version yet', path: 'contracts/orders.odcs.yaml', text: 'kind: DataContract\n', expected: { flavour: 'odcs', version: undefined } },
    { name: 'datacontract.yaml by name', path: 'datacontract.yaml', text: 'id: x\n', expected: { flavour: 'dcs', version: undefined } },
    { name: 'orders.datacontract.yml by name', path: 'a/orders.datacontract.yml', text: '', expected: { flavour: 'dcs', version: undefined } },
    { name: 'datacontract.yaml holding ODCS', path: 'datacontract.yaml', text: 'apiVersion: v4.0.0\n', expected: { flavour: 'odcs', version: 'v4.0.0' } },
  ];
  for (const { name, path, text, expected } of cases) {
    it(name, () => assert.deepEqual(detectDataContract(path, text), expected));
  }

  it('names', () => {
    assert.deepEqual(['a.odcs.yaml', 'a/b.ODCS.yml', 'datacontract.yaml', 'x/orders.datacontract.yml', 'mydatacontract.yaml', 'odcs.yaml'].map(hasDataContractName), [true, true, true, true, false, false]);
  });

  it('sniffs without parsing broken YAML', () => {
    assert.deepEqual(sniffDataContract(`${DCS}models: [unclosed\n`), { flavour: 'dcs', version: '1.2.1' });
  });

  it('the index classifies contracts inside and outside resource folders, and outside every project', () => {
    const files = new Map<string, string>([
      ...Object.entries(FIXTURE_DEFAULTS),
      ['models/_models.yml', 'version: 2\nmodels:\n  - name: orders\n'],
      ['models/orders.odcs.yaml', ODCS],
      ['models/shaped.yml', DCS],
      ['contracts/datacontract.yaml', DCS],
      ['notes/other.yml', 'a: 1\n'],
      ['../elsewhere/x.odcs.yaml', ODCS],
    ]);
    const index = WorkspaceIndex.build(files);
    assert.deepEqual(
      ['models/_models.yml', 'models/orders.odcs.yaml', 'models/shaped.yml', 'contracts/datacontract.yaml', 'notes/other.yml', '../elsewhere/x.odcs.yaml'].map((path) => index.fileKind(path)),
      ['properties', 'data-contract', 'data-contract', 'data-contract', undefined, 'data-contract'],
    );
  });

  it('an edit that turns a properties file into a contract, and back, reclassifies it', () => {
    const files = new Map<string, string>([...Object.entries(FIXTURE_DEFAULTS), ['models/x.yml', 'version: 2\n']]);
    const index = WorkspaceIndex.build(files);
    index.updateFile('models/x.yml', DCS);
    assert.equal(index.fileKind('models/x.yml'), 'data-contract');
    index.updateFile('models/x.yml', 'version: 2\nmodels: []\n');
    assert.equal(index.fileKind('models/x.yml'), 'properties');
  });
});
