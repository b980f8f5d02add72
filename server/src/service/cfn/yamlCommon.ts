/**
 * What the two YAML readers share: `yaml.ts` over the `yaml` package's document, and
 * `yamlEvents.ts` over js-yaml's events, which must make the same nodes.
 */

/** CloudFormation's short-form tags and the long form each stands for (`!Ref` is `Ref`, `!Sub` is `Fn::Sub`). */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map(
  [
    'Ref',
    'Condition',
    'Fn::And',
    'Fn::Base64',
    'Fn::Cidr',
    'Fn::Contains',
    'Fn::EachMemberEquals',
    'Fn::EachMemberIn',
    'Fn::Equals',
    'Fn::FindInMap',
    'Fn::ForEach',
    'Fn::GetAZs',
    'Fn::GetAtt',
    'Fn::If',
    'Fn::ImportValue',
    'Fn::Join',
    'Fn::Length',
    'Fn::Not',
    'Fn::Or',
    'Fn::RefAll',
    'Fn::Select',
    'Fn::Split',
    'Fn::Sub',
    'Fn::ToJsonString',
    'Fn::Transform',
    'Fn::ValueOf',
    'Fn::ValueOfAll',
  ].map((long) => [`!${long.replace(/^Fn::/, '')}`, long]),
);

/** Nesting a YAML tree is read to (YAML aliases may nest a tree in itself): deeper, `yaml.ts` writes null, and `yamlEvents.ts` leaves the text to it. */
export const MAX_DEPTH = 200;
