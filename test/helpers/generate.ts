/**
 * Generated Ground Truth-style templates of a chosen size, for the benchmark and the
 * large-document tests: the crowd-html-elements script, a style block, one `<crowd-form>` with
 * repeated sections that use what real templates use (presigned images, Liquid loops and
 * conditions over `task.input`, classifiers with JS-literal categories, instructions, inputs).
 */

const HEAD = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<style>
  .item { border: 1px solid #ddd; padding: 8px; margin: 8px 0; }
  .note { color: #555; }
</style>
<crowd-form>
`;

const TAIL = `</crowd-form>
`;

function section(n: number): string {
  const i = n % 5;
  return `  <!-- section ${n}: {{ task.input.items[${i}].title }} -->
  <div class="item" id="item-${n}">
    <h3>{{ task.input.items[${i}].title | escape }}</h3>
    <img src="{{ task.input.items[${i}].image | grant_read_access }}" alt="item ${n}" style="max-width: 100%">
    {% if task.input.items[${i}].note %}<p class="note">{{ task.input.items[${i}].note }}</p>{% endif %}
    <crowd-classifier name="label${n}" categories="['Cat', 'Dog', 'Bird', 'None of these']" header="What is in image ${n}?">
      <classification-target>{{ task.input.items[${i}].text | truncate: 200 }}</classification-target>
      <short-instructions>Choose the animal you see.</short-instructions>
      <full-instructions header="Instructions">Look at the whole image before you choose.</full-instructions>
    </crowd-classifier>
    {% for tag in task.input.tags %}<label>{{ tag | upcase }} <input type="checkbox" name="tag${n}-{{ forloop.index }}"></label>{% endfor %}
    <crowd-input name="comment${n}" label="Comment on item ${n}"></crowd-input>
  </div>
`;
}

/** A template of about `size` characters (never more than `size` + one section). */
export function generateTemplate(size: number): string {
  const parts = [HEAD];
  let length = HEAD.length + TAIL.length;
  for (let n = 0; length < size; n++) {
    const s = section(n);
    parts.push(s);
    length += s.length;
  }
  parts.push(TAIL);
  return parts.join('');
}

/** The sample input that matches the generated templates. */
export const GENERATED_INPUT = {
  items: [0, 1, 2, 3, 4].map((i) => ({
    title: `Item ${i}`,
    image: `s3://example-bucket/images/${i}.jpg`,
    note: i % 2 ? 'Look closely' : '',
    text: `Text ${i}`,
  })),
  tags: ['blurry', 'dark', 'cropped'],
};

/**
 * A bucket and identity policy of about `size` characters, as large organisations write them:
 * many statements on S3 reads, SageMaker job creation and KMS, with IP, VPC and workteam
 * conditions (all valid, so a benchmark measures checking, not reporting).
 */
export function generatePolicy(size: number): string {
  const statements: string[] = [];
  let length = 0;
  for (let n = 0; length < size; n++) {
    const statement = policyStatement(n);
    statements.push(statement);
    length += statement.length + 2;
  }
  return `{\n  "Version": "2012-10-17",\n  "Id": "generated",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
}

function policyStatement(n: number): string {
  const account = String(111122223333 + (n % 7));
  switch (n % 4) {
    case 0:
      return `    {
      "Sid": "DenyReadsOutsideOffices${n}",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:GetObjectVersion"],
      "Resource": "arn:aws:s3:::labeling-input-${n}/*",
      "Condition": { "NotIpAddress": { "aws:SourceIp": ["203.0.${n % 256}.0/24", "198.51.100.${n % 256}/32", "2001:db8:${(n % 65535).toString(16)}::/48"] } }
    }`;
    case 1:
      return `    {
      "Sid": "NoPublicCrowd${n}",
      "Effect": "Deny",
      "Action": ["sagemaker:CreateLabelingJob", "sagemaker:CreateFlowDefinition"],
      "Resource": "*",
      "Condition": { "StringEquals": { "sagemaker:WorkteamType": ["public-crowd", "vendor-crowd"] } }
    }`;
    case 2:
      return `    {
      "Sid": "OwnWorkteams${n}",
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:${account}:labeling-job/*",
      "Condition": { "ArnLike": { "sagemaker:WorkteamArn": "arn:aws:sagemaker:us-east-1:${account}:workteam/private-crowd/team-${n}" } }
    }`;
    default:
      return `    {
      "Sid": "VpcReads${n}",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${account}:role/GroundTruthLabelingRole${n}" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::labeling-internal-${n}/*",
      "Condition": { "IpAddress": { "aws:VpcSourceIp": "10.${n % 256}.0.0/16" }, "StringEquals": { "aws:SourceVpce": "vpce-0a1b2c3d${n}" } }
    }`;
  }
}

/**
 * A CloudFormation template in YAML of about `size` characters, as a labeling platform's stack
 * grows: bucket policies, roles with inline policies and managed policies, each statement like
 * those of `generatePolicy`, some values written with `!Sub` and `!Ref` that the template decides.
 */
export function generateCloudFormation(size: number): string {
  const head = `AWSTemplateFormatVersion: "2010-09-09"
Description: Generated labeling stack
Parameters:
  OfficeCidr:
    Type: String
    Default: 203.0.113.0/24
Resources:
`;
  const resources: string[] = [];
  let length = head.length;
  for (let n = 0; length < size; n++) {
    const resource = cloudFormationResource(n);
    resources.push(resource);
    length += resource.length;
  }
  return head + resources.join('');
}

function cloudFormationResource(n: number): string {
  const account = String(111122223333 + (n % 7));
  switch (n % 3) {
    case 0:
      return `  InputBucketPolicy${n}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: labeling-input-${n}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: DenyReadsOutsideOffices${n}
            Effect: Deny
            Principal: "*"
            Action:
              - s3:GetObject
              - s3:GetObjectVersion
            Resource: !Sub "arn:\${AWS::Partition}:s3:::labeling-input-${n}/*"
            Condition:
              NotIpAddress:
                aws:SourceIp:
                  - !Ref OfficeCidr
                  - 198.51.100.${n % 256}/32
`;
    case 1:
      return `  LabelingRole${n}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: GroundTruthLabelingRole${n}
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: sagemaker.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: Labeling${n}
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: OwnWorkteams${n}
                Effect: Allow
                Action: sagemaker:CreateLabelingJob
                Resource: arn:aws:sagemaker:us-east-1:${account}:labeling-job/*
                Condition:
                  ArnLike:
                    sagemaker:WorkteamArn: arn:aws:sagemaker:us-east-1:${account}:workteam/private-crowd/team-${n}
`;
    default:
      return `  NoPublicCrowd${n}:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: NoPublicCrowd${n}
            Effect: Deny
            Action:
              - sagemaker:CreateLabelingJob
              - sagemaker:CreateFlowDefinition
            Resource: "*"
            Condition:
              StringEquals:
                sagemaker:WorkteamType:
                  - public-crowd
                  - vendor-crowd
`;
  }
}
