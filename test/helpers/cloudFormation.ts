/**
 * CloudFormation templates as the service's pure module reads them: the findings of the JSON
 * checks on a template (the highlighted text, the message) and the template after a fix.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { JSON_CHECKS } from '../../server/src/service/checks/registry';
import type { Finding, Report } from '../../server/src/service/checks/types';
import { IamReference } from '../../server/src/service/domain/iamReference';
import { runCheckOnTemplate } from '../../server/src/service/cfn/checks';
import { runSteps } from '../../server/src/service/util/steps';
import { CloudFormationTemplate, TemplateSyntax, parseCloudFormation } from '../../server/src/service/cfn/template';
import { parseYamlTreeSteps, type YamlTree } from '../../server/src/service/cfn/yaml';
import { iamDataFrom } from '../../server/src/iamData';
import { PACKAGE_DATA } from './service';

const IAM = new IamReference(iamDataFrom(PACKAGE_DATA));

/** A YAML text as the `yaml` package reads it, whatever js-yaml's events would say (`parseYamlTree` reads most texts from those). */
export function yamlPackageTree(text: string): YamlTree {
  return runSteps(parseYamlTreeSteps(text, Infinity));
}

/**
 * The findings of the JSON checks on `test/fixtures/cfn/labeling.yaml` (code, highlighted text),
 * the same through the pure module and through the language service.
 */
export const LABELING_YAML_FINDINGS: [string, string][] = [
  ['cors-missing-get', 'CorsRules'],
  ['unknown-property', 'ExposeHeaders'],
  ['unknown-action', 's3:GetObjekt'],
  ['invalid-cidr', '!Ref AllowedCidr'],
  ['invalid-enum-value', 'allow'],
  ['invalid-enum-value', '!Ref EffectParam'],
  ['invalid-workteam-type', 'public_crowd'],
  ['interface-endpoint', 'Interface'],
  ['workteam-missing-ip-restriction', 'WorkteamName'],
];

export interface TemplateSeen {
  code: string;
  text: string;
  message: string;
  finding: Finding;
}

export function cfnTemplate(text: string, syntax?: TemplateSyntax): CloudFormationTemplate {
  return parseCloudFormation('file:///ws/stack.yaml', text, syntax);
}

/** Every JSON check's findings on a template, in order. */
export function cfnFindings(text: string, syntax?: TemplateSyntax): TemplateSeen[] {
  const template = cfnTemplate(text, syntax);
  const out: TemplateSeen[] = [];
  for (const check of JSON_CHECKS) {
    runSteps(
      runCheckOnTemplate(template, check, IAM, (r: Report) => {
        const finding: Finding = { ...r, code: check.meta.code, severity: r.severity ?? check.meta.severity, uri: template.uri };
        out.push({ code: check.meta.code, text: text.slice(r.start, r.end), message: r.message, finding });
      }),
    );
  }
  return out.sort((a, b) => a.finding.start - b.finding.start || a.code.localeCompare(b.code));
}

/** The highlighted texts of one check's findings. */
export function cfnFlagged(code: string, text: string, syntax?: TemplateSyntax): string[] {
  return cfnFindings(text, syntax)
    .filter((f) => f.code === code)
    .map((f) => f.text);
}

/** The template after the first finding of `code`'s fix (the one titled so, or the first). */
export function applyCfnFix(code: string, text: string, title = '', syntax?: TemplateSyntax): string {
  const finding = cfnFindings(text, syntax).find((f) => f.code === code);
  assert.ok(finding, `no ${code} finding`);
  const fix = finding.finding.fixes?.find((f) => f.title.includes(title));
  assert.ok(fix, `no fix "${title}" among ${JSON.stringify(finding.finding.fixes?.map((f) => f.title))}`);
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** `gtlint --format json .` run in a folder: its exit status, its stderr, and the codes it reports for a file (once each, sorted). */
export function gtlintFolder(folder: string): { status: number | null; stderr: string; codesOf: (file: string) => string[] } {
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: folder, encoding: 'utf8', timeout: 30_000 });
  const findings = run.stdout ? (JSON.parse(run.stdout) as { file: string; code: string }[]) : [];
  return { status: run.status, stderr: run.stderr, codesOf: (file) => [...new Set(findings.filter((f) => f.file === file).map((f) => f.code))].sort() };
}

/** What gtlint reports for `test/fixtures/cfn/labeling.yaml` beside a template that presigns: its checks and the cross-file one. */
export const LABELING_YAML_CODES = [
  'cors-missing-get',
  'interface-endpoint',
  'invalid-cidr',
  'invalid-enum-value',
  'invalid-workteam-type',
  'presign-unrestricted-workteam',
  'unknown-action',
  'unknown-property',
  'workteam-missing-ip-restriction',
];
