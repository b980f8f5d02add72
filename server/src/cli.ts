/**
 * gtlint: the language server's checks on the command line, for CI.
 *
 *   gtlint <files or folders> [--format text|json|sarif] [--no-config]
 *
 * Checks worker templates and the JSON around them (workteams, workforces, flow definitions,
 * policies, CORS...), and the files against each other. Reads `gtTemplates.checks`,
 * `gtTemplates.sampleInputs` and `gtTemplates.jsonFiles` from `.vscode/settings.json` in the
 * current folder, so the editor and CI agree. Exit codes: 0 clean (warnings allowed), 1 at
 * least one error, 2 bad usage or unreadable input.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseJsonc } from 'jsonc-parser';
import type * as Sarif from 'sarif';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_CHECKS } from './service/checks/registry';
import type { Finding } from './service/checks/types';
import { BUNDLED_IAM_DATA, iamDataFrom } from './iamData';
import { LanguageService, createLanguageService } from './service/languageService';
import { readSettings } from './service/settings';
import { fileUri, fsPath } from './service/util/uri';
import { readTextFile, realPathInside } from './disk';
import { isDataFile, isSkippedFolder, isWorkspaceFileName, languageOfFileName } from './service/workspace/files';

type Format = 'text' | 'json' | 'sarif';

const USAGE = `Usage: gtlint <files or folders> [--format text|json|sarif] [--no-config]

Checks SageMaker Ground Truth / Augmented AI worker templates (*.liquid.html, *.liquid, and
.html files that use crowd-* elements or task.input), the JSON around them (workteam, workforce,
flow definition, human task UI and labeling job requests, IAM policies, S3 CORS, VPC endpoints,
IAM roles; other JSON files are skipped), and those files against each other. Folders are
searched recursively.

  --format text   path:line:col severity code message (default)
  --format json   [{file, line, column, endLine, endColumn, severity, code, message, related?}]
  --format sarif  SARIF 2.1.0, for code-scanning tools
  --no-config     ignore .vscode/settings.json (gtTemplates.checks, .sampleInputs, .jsonFiles)

Exit status: 0 no errors, 1 errors reported, 2 usage or input problems.`;

/** Larger files are not templates (UiTemplate.Content stops at 128,000 characters); the limit keeps memory bounded. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface Options {
  paths: string[];
  format: Format;
  useConfig: boolean;
}

class UsageError extends Error {}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let options: Options;
  try {
    options = readArgs(argv);
  } catch (error) {
    err(`gtlint: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!options.paths.length) {
    out(USAGE);
    return 0;
  }
  const cwd = process.cwd();
  const service = createLanguageService({
    docsBaseUri: pathToFileURL(path.join(__dirname, '..', 'docs', 'checks')).href,
    iamData: iamDataFrom(BUNDLED_IAM_DATA),
  });
  const problems: string[] = [];
  const files = await collect(options.paths, problems);
  if (options.useConfig) await applyConfig(service, cwd, problems);
  else service.configure({ workspaceFolders: [fileUri(cwd)] });

  // File by file, twice: first every file's cross-file facts, then each file's findings against
  // the others' facts. Only one file's text (and its sample input's) is held at a time.
  const checked: string[] = [];
  for (const file of files) {
    const uri = fileUri(file);
    const text = await readText(file, problems);
    if (text === undefined) continue;
    service.setDocument(TextDocument.create(uri, languageOf(file), 1, text));
    service.prepareFacts(uri);
    const kind = service.kindOf(service.getDocument(uri)!);
    if (kind === 'template' || kind === 'json' || kind === 'cloudformation') checked.push(file);
    service.releaseDocument(uri);
  }
  const located: Located[] = [];
  const unplaced: { related: Located['related'][number]; uri: string; start: number; end: number }[] = [];
  for (const file of checked) {
    const uri = fileUri(file);
    const text = await readText(file, problems);
    if (text === undefined) continue;
    const document = TextDocument.create(uri, languageOf(file), 2, text);
    service.setDocument(document);
    const samples = await loadSampleInput(service, uri, cwd);
    for (const finding of service.findings(uri)) {
      const entry: Located = { finding, ...place(document, finding.start, finding.end, cwd), related: [] };
      for (const r of finding.related ?? []) {
        const related = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0, message: r.message };
        entry.related.push(related);
        unplaced.push({ related, uri: r.uri, start: r.start, end: r.end });
      }
      located.push(entry);
    }
    service.releaseDocument(uri);
    for (const sample of samples) service.removeDocument(sample);
  }
  await placeRelated(unplaced, cwd);

  for (const problem of problems) err(`gtlint: ${problem}`);
  // A related file that could not be read back (changed or gone meanwhile) is left out of its finding.
  for (const l of located) l.related = l.related.filter((r) => r.file);
  const report = format(options.format, located, service, cwd);
  if (report) out(report);
  if (problems.length) return 2;
  return located.some((l) => l.finding.severity === 'error') ? 1 : 0;
}

/** A file named on the command line may have any name: what no rule reads is taken as HTML, a template's language. */
function languageOf(file: string): string {
  return languageOfFileName(file) ?? 'html';
}

/**
 * Reads a template's sample input (the first candidate that exists) into the service, and returns
 * what it read. A candidate inside the folder is read only if its real path is inside too.
 */
async function loadSampleInput(service: LanguageService, uri: string, cwd: string): Promise<string[]> {
  if (!service.isTemplate(uri)) return [];
  const folder = fileUri(cwd);
  for (const candidate of service.sampleInputCandidates(uri)) {
    const file = candidate.startsWith(folder + '/') ? await realPathInside(cwd, fsPath(candidate)) : fsPath(candidate);
    const text = file === undefined ? undefined : await readText(file, [], true);
    if (text === undefined) continue;
    service.setDocument(TextDocument.create(candidate, 'json', 1, text));
    return [candidate];
  }
  return [];
}

/** Where related locations are, read file by file once every finding is known. */
async function placeRelated(unplaced: { related: Place; uri: string; start: number; end: number }[], cwd: string): Promise<void> {
  const byFile = new Map<string, typeof unplaced>();
  for (const item of unplaced) {
    const items = byFile.get(item.uri);
    if (items) items.push(item);
    else byFile.set(item.uri, [item]);
  }
  for (const [uri, items] of byFile) {
    const text = await readText(fsPath(uri), [], true);
    if (text === undefined) continue;
    const document = TextDocument.create(uri, 'json', 1, text);
    for (const item of items) Object.assign(item.related, place(document, item.start, item.end, cwd));
  }
}

const OPTIONS = { format: { type: 'string' }, 'no-config': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * The command line, in order: the first bad option is the one reported, and `--help` wins over
 * what follows it. `parseArgs` finds the options and their values; an argument is accepted only
 * in the spellings the usage gives (so `--no-config=1`, `-hx`, `-` and `--` are unknown options).
 */
function readArgs(argv: string[]): Options {
  const options: Options = { paths: [], format: 'text', useConfig: true };
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    const arg = argv[token.index];
    const unknown = () => new UsageError(`unknown option ${arg}`);
    if (token.kind === 'positional' && !arg.startsWith('-')) {
      options.paths.push(token.value);
      continue;
    }
    if (token.kind !== 'option') throw unknown();
    if (token.name === 'format' && (arg === '--format' || arg.startsWith('--format='))) {
      const value = token.value;
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`--format takes text, json or sarif, not "${value ?? ''}"`);
      options.format = value;
    } else if (token.name === 'no-config' && arg === '--no-config') options.useConfig = false;
    else if (token.name === 'help' && (arg === '--help' || arg === '-h')) return { ...options, paths: [] };
    else throw unknown();
  }
  return options;
}

async function collect(inputs: string[], problems: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (folder: string) => {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push(`cannot read folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) await walk(full);
      } else if (entry.isFile() && isWorkspaceFileName(entry.name) && !isDataFile(entry.name, await size(full))) files.push(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(input);
    let stat;
    try {
      stat = await fs.stat(full);
    } catch {
      problems.push(`${input}: no such file or folder`);
      continue;
    }
    if (stat.isDirectory()) await walk(full);
    else if (stat.isFile()) files.push(full);
    else problems.push(`${input}: not a regular file (a FIFO, socket or device), not checked`);
  }
  return [...new Set(files)];
}

async function size(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

async function readText(file: string, problems: string[], quiet = false): Promise<string | undefined> {
  const read = await readTextFile(file, MAX_FILE_BYTES);
  if (read.kind === 'text') return read.text;
  if (quiet) return undefined;
  if (read.kind === 'too-large') problems.push(`${file}: ${Math.round(read.size / 1048576)} MB is too large to check (limit ${MAX_FILE_BYTES / 1048576} MB)`);
  else if (read.kind === 'binary') problems.push(`${file}: binary file, not checked`);
  else if (read.kind === 'not-a-file') problems.push(`${file}: not a regular file (a FIFO, socket or device), not checked`);
  else problems.push(`${file}: cannot read (${read.code})`);
  return undefined;
}

async function applyConfig(service: LanguageService, cwd: string, problems: string[]): Promise<void> {
  const folder = fileUri(cwd);
  const file = path.join(cwd, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    service.configure({ workspaceFolders: [folder] });
    return;
  }
  const settings = (parseJsonc(text) ?? {}) as Record<string, unknown>;
  // VS Code accepts both "gtTemplates.checks": {...} and "gtTemplates": { "checks": {...} }.
  const nested = (typeof settings.gtTemplates === 'object' && settings.gtTemplates ? settings.gtTemplates : {}) as Record<string, unknown>;
  const section = Object.fromEntries(['checks', 'sampleInputs', 'jsonFiles'].map((name) => [name, settings[`gtTemplates.${name}`] ?? nested[name]]));
  service.configure({ ...readSettings(section, (message) => problems.push(`${file}: ${message}`)), workspaceFolders: [folder] });
}

// Output ------------------------------------------------------------------------------------

interface Place {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Located extends Place {
  finding: Finding;
  /** Where a cross-file finding points in the other files. */
  related: (Place & { message: string })[];
}

function place(document: TextDocument, startOffset: number, endOffset: number, cwd: string): Place {
  const start = document.positionAt(startOffset);
  const end = document.positionAt(endOffset);
  return {
    file: path.relative(cwd, fsPath(document.uri)),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function format(kind: Format, located: Located[], service: LanguageService, cwd: string): string {
  switch (kind) {
    case 'text':
      return located.map((l) => `${l.file}:${l.line}:${l.column} ${l.finding.severity} ${l.finding.code} ${l.finding.message}`).join('\n');
    case 'json':
      return JSON.stringify(
        located.map((l) => ({
          file: l.file,
          line: l.line,
          column: l.column,
          endLine: l.endLine,
          endColumn: l.endColumn,
          severity: l.finding.severity,
          code: l.finding.code,
          message: l.finding.message,
          ...(l.related.length ? { related: l.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })) } : {}),
        })),
        null,
        2,
      );
    case 'sarif':
      return JSON.stringify(sarif(located, service, cwd), null, 2);
  }
}

const SARIF_LEVEL: Record<Finding['severity'], Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarif(located: Located[], service: LanguageService, cwd: string): Sarif.Log {
  const rules = ALL_CHECKS.map((c) => c.meta);
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'gtlint',
            informationUri: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sms-custom-templates.html',
            version: VERSION,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              helpUri: `${service.options.docsBaseUri}/${r.code}.md`,
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd).href + '/' } },
        columnKind: 'utf16CodeUnits',
        results: located.map((l) => ({
          ruleId: l.finding.code,
          ruleIndex: ruleIndex.get(l.finding.code),
          level: SARIF_LEVEL[l.finding.severity],
          message: { text: l.finding.message },
          locations: [{ physicalLocation: physical(l) }],
          ...(l.related.length ? { relatedLocations: l.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: physical(r) })) } : {}),
        })),
      },
    ],
  };
}

function physical(p: Place): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: p.file.split(path.sep).join('/'), uriBaseId: 'SRCROOT' },
    region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
  };
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

if (require.main === module) {
  main(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`gtlint: internal error: ${error instanceof Error ? error.stack : error}\n`);
      process.exitCode = 2;
    },
  );
}
