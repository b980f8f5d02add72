/**
 * CloudFormation templates as the language service reads them: which documents are templates,
 * and the service's checks run on them. The one place the service calls into `cfn/`; the parse
 * is kept by the document store (`store/cloudformation.ts`), under its one rule.
 */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { JsonCheck, Report, WorkspaceCheck, WorkspaceCheckContext } from '../checks/types';
import type { IamReference } from '../domain/iamReference';
import { MAX_JSON_LENGTH } from '../json/document';
import { inTemplate, runCheckOnTemplate } from './checks';
import { embeddedDocuments } from './embedded';
import { CloudFormationTemplate, isCloudFormation, parseCloudFormation } from './template';

const YAML_LANGUAGES = new Set(['yaml', 'cloudformation']);

/**
 * The template a document is; undefined for a document that is not one. `jsonRoot`: the
 * document's JSON tree when the service already has it, which says whether a JSON file is a
 * template without parsing it again.
 */
export function cloudFormationOf(document: TextDocument, jsonRoot?: () => Node | undefined): CloudFormationTemplate | undefined {
  const yaml = YAML_LANGUAGES.has(document.languageId) || /\.(ya?ml|template)$/i.test(document.uri);
  const json = !yaml && /\.json$/i.test(document.uri);
  const text = document.getText();
  if ((!yaml && !json) || text.length > MAX_JSON_LENGTH) return undefined;
  // Most YAML in a repository is not CloudFormation (workflows, manifests): it is not parsed for nothing.
  if (yaml && !text.includes('AWSTemplateFormatVersion') && !text.includes('AWS::')) return undefined;
  if (json && jsonRoot && !isCloudFormation(jsonRoot())) return undefined;
  const template = parseCloudFormation(document.uri, text, json ? 'json' : undefined);
  return isCloudFormation(template.root) ? template : undefined;
}

/** One JSON check on every document of the template. */
export function runJsonCheck(template: CloudFormationTemplate, check: JsonCheck, iam: IamReference | undefined, report: (r: Report) => void): void {
  runCheckOnTemplate(template, check, iam, report);
}

/**
 * One cross-file check on every document of the template. The checks read the file's facts
 * (`workspace.self()`), which are the template's: a finding made of them alone comes once.
 */
export function runWorkspaceCheck(
  template: CloudFormationTemplate,
  check: WorkspaceCheck,
  base: Omit<Extract<WorkspaceCheckContext, { kind: 'json' }>, 'document' | 'report' | 'kind'>,
  report: (r: Report) => void,
): void {
  const seen = new Set<string>();
  for (const embedded of embeddedDocuments(template)) {
    check.run({
      ...base,
      kind: 'json',
      document: embedded.json,
      report: (r) => {
        const key = `${r.start}:${r.end}:${r.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        report(inTemplate(template, embedded, r));
      },
    });
  }
}
