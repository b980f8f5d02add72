/**
 * The `gtTemplates` settings as people write them, read into what the service takes. Settings
 * come from files anyone can get wrong (or a repository can set), so every value is checked and a
 * wrong one is dropped with a warning rather than passed on. The server and the CLI both read them
 * here, so the editor and CI accept and reject the same values.
 */
import { SEVERITY_SETTINGS, type SeveritySetting } from './checks/types';
import { JSON_SHAPES, NOT_RECOGNISED, isShapeId } from './json/kinds';
import { globProblem } from './util/glob';

/** What the service takes (`LanguageService.configure`). */
export interface ServiceSettings {
  /** Severity per check code; 'off' disables it. */
  checks: Record<string, SeveritySetting>;
  /** Template glob (relative to a workspace folder) → sample input path (relative to that folder). */
  sampleInputs: Record<string, string>;
  /**
   * JSON file glob (relative to a workspace folder) → what the file is (`CreateWorkteam`,
   * `Policy`... see `json/kinds.ts`), or `none` to leave matching files alone. Without a match,
   * JSON files are recognised by their content.
   */
  jsonFiles: Record<string, string>;
  /** Workspace folder URIs, for relative settings. */
  workspaceFolders: string[];
}

export const DEFAULT_SETTINGS: ServiceSettings = { checks: {}, sampleInputs: {}, jsonFiles: {}, workspaceFolders: [] };

export type FileSettings = Omit<ServiceSettings, 'workspaceFolders'>;

const JSON_FILE_KINDS = [...Object.keys(JSON_SHAPES), NOT_RECOGNISED];

/** Reads the `gtTemplates` section (`{ checks, sampleInputs, jsonFiles }`); `warn` hears of every value dropped. */
export function readSettings(section: unknown, warn: (message: string) => void): FileSettings {
  const raw = isRecord(section) ? section : {};
  return {
    checks: entries<SeveritySetting>(raw.checks, 'checks', warn, (code, value) => {
      if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) return value as SeveritySetting;
      warn(`gtTemplates.checks.${code} must be one of ${SEVERITY_SETTINGS.join(', ')}; ${shown(value)} is ignored.`);
      return undefined;
    }),
    sampleInputs: entries<string>(raw.sampleInputs, 'sampleInputs', warn, (glob, value) => {
      if (refusedGlob('sampleInputs', glob, warn)) return undefined;
      if (typeof value === 'string') return value;
      warn(`gtTemplates.sampleInputs["${glob}"] must be a path; ${shown(value)} is ignored.`);
      return undefined;
    }),
    jsonFiles: entries<string>(raw.jsonFiles, 'jsonFiles', warn, (glob, value) => {
      if (refusedGlob('jsonFiles', glob, warn)) return undefined;
      if (typeof value === 'string' && (value === NOT_RECOGNISED || isShapeId(value))) return value;
      warn(`gtTemplates.jsonFiles["${glob}"] must be one of ${JSON_FILE_KINDS.join(', ')}; ${shown(value)} is ignored.`);
      return undefined;
    }),
  };
}

/** Whether a glob is refused (too long, or its braces too deep or too many), with a warning naming it. */
function refusedGlob(name: string, glob: string, warn: (message: string) => void): boolean {
  const problem = globProblem(glob);
  if (problem) warn(`gtTemplates.${name}[${shown(glob)}] ${problem}; it is ignored.`);
  return !!problem;
}

/** The entries of an object setting that `read` accepts (it returns undefined for the others). */
function entries<T>(value: unknown, name: string, warn: (message: string) => void, read: (key: string, value: unknown) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    warn(`gtTemplates.${name} must be an object; ${shown(value)} is ignored.`);
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const accepted = read(key, item);
    if (accepted !== undefined) out[key] = accepted;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
