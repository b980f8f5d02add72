/**
 * CloudFormation templates as the language service reads them: which documents are templates,
 * and the service's checks run on them. The one place the service calls into `cfn/`; the parse
 * is kept by the document store (`store/cloudformation.ts`), under its one rule.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckRun, Report, WorkspaceCheckContext } from '../checks/types';
import { type JsonDocument, MAX_JSON_LENGTH } from '../json/document';
import { runSteps } from '../util/steps';
import { languageOfFileName } from '../workspace/files';
import { inTemplate } from './checks';
import { type EmbeddedDocument, embeddedDocuments } from './embedded';
import { CloudFormationTemplate, isCloudFormation, parseCloudFormation, templateOf } from './template';
import { parseYamlTreeSteps, type YamlTree } from './yaml';
import { readInPiecesSteps, reparseSteps } from './yamlReuse';

const YAML_LANGUAGES = new Set(['yaml', 'cloudformation']);

/**
 * The template a document is; undefined for a document that is not one. `jsonParse`: the
 * document's JSON parse, which the service keeps: a JSON template is read from it, not parsed
 * again.
 */
export function cloudFormationOf(
  document: TextDocument,
  jsonParse: () => JsonDocument | undefined,
  previous?: CloudFormationTemplate,
): CloudFormationTemplate | undefined {
  return runSteps(cloudFormationSteps(document, jsonParse, Infinity, previous));
}

/**
 * `cloudFormationOf` with a YAML file parsed `slice` tokens at a time (`parseYamlTreeSteps`), for
 * a validation. `previous`: the document's template as of an earlier version, whose pieces an
 * edit left alone are reused (`reparseSteps`).
 */
export function* cloudFormationSteps(
  document: TextDocument,
  jsonParse: () => JsonDocument | undefined,
  slice: number,
  previous?: CloudFormationTemplate,
): Generator<void, CloudFormationTemplate | undefined> {
  const yaml = isYamlDocument(document);
  const json = !yaml && languageOfFileName(document.uri) === 'json';
  const text = document.getText();
  if ((!yaml && !json) || text.length > MAX_JSON_LENGTH) return undefined;
  // Most YAML in a repository is not CloudFormation (workflows, manifests): it is not parsed for nothing.
  if (yaml && !namesAStack(text)) return undefined;
  const parse = json ? jsonParse() : undefined;
  if (json && !isCloudFormation(parse?.root)) return undefined;
  // A file named .yaml or .template may hold JSON (CloudFormation's own output does): its first character says.
  const template =
    parse || startsAsJson(text)
      ? parseCloudFormation(document.uri, text, parse)
      : templateOf(document.uri, text, 'yaml', yield* readYamlSteps(text, slice, previous));
  return isCloudFormation(template.root) ? template : undefined;
}

/**
 * A YAML template's tree: the pieces of `previous` (an earlier version's template) an edit left
 * alone reused (`reparseSteps`); else, for a template opened or one that had errors (which an edit
 * may have mended), each piece read alone (`readInPiecesSteps`, the one with the first error
 * first); else the whole text parsed `slice` tokens at a time. Not in pieces after a reuse that
 * failed on a piece (it would fail there again) or a version with an alias (read whole).
 */
function* readYamlSteps(text: string, slice: number, previous: CloudFormationTemplate | undefined): Generator<void, YamlTree> {
  const yaml = previous?.syntax === 'yaml' ? previous : undefined;
  const reused = yaml ? yield* reparseSteps(text, yaml, slice !== Infinity) : undefined;
  if (reused) return reused;
  const pieces = !yaml || yaml.errors.length ? yield* readInPiecesSteps(text, yaml?.errors[0]?.start) : undefined;
  return pieces ?? (yield* parseYamlTreeSteps(text, slice));
}

/**
 * Whether a document may be a CloudFormation template written in YAML, by what a parse would
 * look for first: read as YAML, not JSON (its first character), naming a template version or an
 * `AWS::` type. What completion and hover go by before the document's first parse.
 */
export function mayBeYamlStack(document: TextDocument): boolean {
  if (!isYamlDocument(document)) return false;
  const text = document.getText();
  return text.length <= MAX_JSON_LENGTH && !startsAsJson(text) && namesAStack(text);
}

/** Whether a text names a template version or an `AWS::` type: most YAML in a repository (workflows, manifests) names neither. */
function namesAStack(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || text.includes('AWS::');
}

/** A file named .yaml or .template may hold JSON (CloudFormation's own output does): its first character says. */
function startsAsJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** Whether a document is read as YAML (by its language or its name), when it is a template at all. */
export function isYamlDocument(document: TextDocument): boolean {
  return YAML_LANGUAGES.has(document.languageId) || languageOfFileName(document.uri) === 'yaml';
}

type JsonWorkspaceContext = Extract<WorkspaceCheckContext, { kind: 'json' }>;

/**
 * One cross-file check (a workspace check's `run`, or a JSON check's `crossFile`) on every
 * document of the template, a step per document. The checks read the file's facts (`workspace.self()`), which are the
 * template's: a finding made of them alone comes once.
 */
export function* runWorkspaceCheck(
  template: CloudFormationTemplate,
  run: (context: JsonWorkspaceContext) => CheckRun,
  base: Omit<JsonWorkspaceContext, 'document' | 'report' | 'kind'>,
  report: (r: Report) => void,
): Generator<void, void> {
  const seen = new Set<string>();
  let current: EmbeddedDocument | undefined;
  // One context for all the documents (a stack holds hundreds, and the service's checks number
  // tens): each document's run ends before the next document's starts.
  const context: JsonWorkspaceContext = {
    ...base,
    kind: 'json',
    document: undefined as unknown as JsonDocument,
    report: (r) => {
      const key = `${r.start}:${r.end}:${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(inTemplate(template, current!, r));
    },
  };
  let first = true;
  for (const embedded of embeddedDocuments(template)) {
    // A step per embedded document, as the JSON checks run (`runCheckOnTemplate`).
    if (!first) yield;
    first = false;
    current = embedded;
    context.document = embedded.json;
    const steps = run(context);
    if (steps) yield* steps;
  }
}
