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

/** A template, a JSON file, or a YAML file (which may be a CloudFormation template), by name. */
export function isWorkspaceFileName(name: string): boolean {
  return TEMPLATE_EXTENSIONS.test(name) || /\.(json|ya?ml)$/i.test(name);
}

/** Whether a file at this path (relative to its workspace folder, with forward slashes) is one of the workspace's. */
export function isWorkspaceFile(relativePath: string): boolean {
  const segments = relativePath.split('/');
  return isWorkspaceFileName(segments.pop()!) && !segments.some(isSkippedFolder);
}

/** JSON or YAML found in a folder and too large to be configuration is left out. */
export function isDataFile(name: string, size: number): boolean {
  return /\.(json|ya?ml)$/i.test(name) && size > MAX_CONFIGURATION_BYTES;
}
