/**
 * Which files on disk belong to the workspace's configuration: the server's index and gtlint's
 * folder walk find files by these rules, so the editor and CI look at the same files.
 */
import { TEMPLATE_EXTENSIONS } from '../templateFiles';

/** Dependencies and build output hold copies, not the workspace's own files; hidden folders (.git, .vscode-test) neither. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'build', 'coverage']);

/** Policies, requests and templates are small: JSON larger than this is data (a manifest, a dataset), not configuration. */
export const MAX_CONFIGURATION_BYTES = 2 * 1024 * 1024;

export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}

/** The languages a file's name says it is written in. */
export type FileLanguage = 'json' | 'yaml' | 'gt-liquid' | 'html';

/**
 * The language of a file, by its name (or URI): the one rule the server (files it reads from
 * disk), gtlint and CloudFormation's recognition share. CloudFormation's own extension,
 * `.template`, is read as YAML, which JSON templates are too (YAML reads JSON);
 * `.template.json` and `.template.yaml` are JSON and YAML by their last extension. Undefined for
 * a name none of them reads.
 */
export function languageOfFileName(name: string): FileLanguage | undefined {
  if (/\.jsonc?$/i.test(name)) return 'json';
  if (/\.(ya?ml|template)$/i.test(name)) return 'yaml';
  if (/\.liquid$/i.test(name)) return 'gt-liquid';
  return TEMPLATE_EXTENSIONS.test(name) ? 'html' : undefined;
}

/**
 * A template, a JSON file, or a YAML file (which may be a CloudFormation template, `.template`
 * included), by name. `.jsonc` is read when something names it (a sample input), not searched for.
 */
export function isWorkspaceFileName(name: string): boolean {
  return languageOfFileName(name) !== undefined && !/\.jsonc$/i.test(name);
}

/** Whether a file at this path (relative to its workspace folder, with forward slashes) is one of the workspace's. */
export function isWorkspaceFile(relativePath: string): boolean {
  const segments = relativePath.split('/');
  return isWorkspaceFileName(segments.pop()!) && !segments.some(isSkippedFolder);
}

/** JSON or YAML found in a folder and too large to be configuration is left out. */
export function isDataFile(name: string, size: number): boolean {
  const language = languageOfFileName(name);
  return (language === 'json' || language === 'yaml') && size > MAX_CONFIGURATION_BYTES;
}
