import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const CREATE = `{
    "WorkteamName": "reviewers",
    "Description": "Document reviewers",
    "MemberDefinitions": [
        {
            "OidcMemberDefinition": {
                "Groups": ["reviewers"]
            }
        }
    ]
}`;

describe('workteam-missing-ip-restriction', () => {
  it('reports a workteam without WorkerAccessConfiguration, on its name', () => {
    const [seen] = jsonDiagnostics(CREATE).filter((d) => d.code === 'workteam-missing-ip-restriction');
    assert.equal(seen.text, '"WorkteamName"');
    assert.match(seen.message, /^Workteam "reviewers" has no IP restriction on presigned URLs/);
  });

  it("inserts the block in the document's own indentation", () => {
    assert.equal(
      applyJsonFix('workteam-missing-ip-restriction', CREATE, 'SourceIp: Enabled'),
      `{
    "WorkteamName": "reviewers",
    "Description": "Document reviewers",
    "MemberDefinitions": [
        {
            "OidcMemberDefinition": {
                "Groups": ["reviewers"]
            }
        }
    ],
    "WorkerAccessConfiguration": {
        "S3Presign": {
            "IamPolicyConstraints": {
                "SourceIp": "Enabled"
            }
        }
    }
}`,
    );
  });

  it('inserts with tabs in a tab-indented file, and offers VpcSourceIp too', () => {
    const text = '{\n\t"WorkteamName": "t",\n\t"Description": "d",\n\t"MemberDefinitions": []\n}';
    assert.equal(
      applyJsonFix('workteam-missing-ip-restriction', text, 'VpcSourceIp: Enabled'),
      '{\n\t"WorkteamName": "t",\n\t"Description": "d",\n\t"MemberDefinitions": [],\n\t"WorkerAccessConfiguration": {\n\t\t"S3Presign": {\n\t\t\t"IamPolicyConstraints": {\n\t\t\t\t"VpcSourceIp": "Enabled"\n\t\t\t}\n\t\t}\n\t}\n}',
    );
  });

  it('reports constraints that enable neither, and enables SourceIp in place', () => {
    const text =
      '{\n  "WorkteamName": "t",\n  "WorkerAccessConfiguration": {\n    "S3Presign": {\n      "IamPolicyConstraints": {\n        "SourceIp": "Disabled",\n        "VpcSourceIp": "Disabled"\n      }\n    }\n  }\n}';
    const [seen] = jsonDiagnostics(text, { name: 'update-workteam.json' }).filter((d) => d.code === 'workteam-missing-ip-restriction');
    assert.equal(seen.text, '"IamPolicyConstraints"');
    assert.equal(
      applyJsonFix('workteam-missing-ip-restriction', text, 'SourceIp: Enabled', { name: 'update-workteam.json' }),
      text.replace('"SourceIp": "Disabled"', '"SourceIp": "Enabled"'),
    );
  });

  it('reports a described workteam without restriction, without a fix', () => {
    const text =
      '{"Workteam": {"WorkteamName": "t", "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "MemberDefinitions": [], "Description": "d"}}';
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'workteam-missing-ip-restriction');
    assert.match(seen.message, /Change it with UpdateWorkteam/);
  });

  it('does not report a workteam that enables SourceIp or VpcSourceIp, or an update that leaves the configuration alone', () => {
    assert.deepEqual(
      jsonFlagged(
        'workteam-missing-ip-restriction',
        CREATE.replace(/\n}$/, ',\n"WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"VpcSourceIp": "Enabled"}}}\n}'),
      ),
      [],
    );
    assert.deepEqual(jsonFlagged('workteam-missing-ip-restriction', '{"WorkteamName": "t", "Description": "new"}', { name: 'update-workteam.json' }), []);
  });
});
