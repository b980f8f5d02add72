/**
 * Runs the service's code on small documents of its own before the editor sends any: V8 runs a function's first calls in its interpreter and compiles it only once it has run
 * for a while, so without this the first completions, hovers and checks of each kind of document
 * are several times slower than the next (the bench's tails were mostly those first calls). A
 * throwaway service, so nothing of it stays.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type ServiceOptions } from './service/languageService';

const ITEM = `  {% for item in task.input.items %}
    <crowd-image-classifier name="label" src="{{ item.url | grant_read_access }}" header="{{ task.input.header | escape }}" categories="['a', 'b']">
      <full-instructions header="Guide"><p>{{ item.note | default: "none" }}</p></full-instructions>
    </crowd-image-classifier>
  {% endfor %}
  {% if task.input.extra %}<img src="{{ task.input.taskObject | grant_read_access }}" alt="x">{% endif %}
`;
const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form>\n${ITEM.repeat(8)}</crowd-form>\n`;

const STATEMENT = `    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::warm-up-bucket/*",
      "Condition": { "NotIpAddress": { "aws:SourceIp": ["203.0.113.0/24"] }, "Bool": { "aws:ViaAWSService": "false" } }
    }`;
const POLICY = `{\n  "Version": "2012-10-17",\n  "Statement": [\n${Array(8).fill(STATEMENT).join(',\n')}\n  ]\n}\n`;

const YAML_STATEMENT = `          - Effect: Deny
            Principal: "*"
            Action:
              - s3:GetObject
            Resource: !Sub "arn:\${AWS::Partition}:s3:::warm-up-bucket/*"
            Condition:
              NotIpAddress:
                aws:SourceIp: [203.0.113.0/24]
`;
const STACK = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WarmUpPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: warm-up-bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${YAML_STATEMENT.repeat(4)}`;

/**
 * What the warm-up runs on: a template, a policy and a stack. The stack since its YAML is read
 * from js-yaml's events (`cfn/yamlEvents.ts`), about 15 ms at start: taken out of the first
 * stack's opening (a 100 KB one waited for it), where it had been put off while it cost 50 ms.
 */
const DOCUMENTS: [name: string, languageId: string, text: string, at: string][] = [
  ['task.liquid.html', 'html', TEMPLATE, 'grant_read_access'],
  ['bucket-policy.json', 'json', POLICY, 'aws:SourceIp'],
  ['stack.yaml', 'yaml', STACK, 'aws:SourceIp'],
];

export function warmUp(options: ServiceOptions): void {
  const service = createLanguageService(options);
  service.configure({ workspaceFolders: ['file:///warm-up'] });
  for (const [name, languageId, text, at] of DOCUMENTS) {
    const document = TextDocument.create(`file:///warm-up/${name}`, languageId, 1, text);
    service.setDocument(document);
    const position = document.positionAt(text.lastIndexOf(at));
    service.completions(document.uri, position);
    service.hover(document.uri, position);
    service.diagnostics(document.uri);
  }
}
