/**
 * Which files are worker templates and where a template's sample input is. Pure functions of
 * URIs, language ids, text and settings, shared by the language service and the preview (which
 * runs in the extension host and must pick the same sample input the checks use).
 */
import { matchesGlob } from './util/glob';
import { basename, resolveInFolder, sibling } from './util/uri';

export type DocumentKind = 'template' | 'sample-input' | 'other';

export const TEMPLATE_EXTENSIONS = /\.(liquid\.html|liquid|html|htm)$/i;
/** What marks a plain `.html` file as a worker template. */
const TEMPLATE_MARKERS = /crowd-html-elements|<crowd-|task\.input/;

export function documentKind(uri: string, languageId: string, text: () => string): DocumentKind {
  if (languageId === 'gt-liquid' || /\.liquid(\.html)?$/i.test(uri)) return 'template';
  if (/\.input\.json$/i.test(uri)) return 'sample-input';
  if ((languageId === 'html' || TEMPLATE_EXTENSIONS.test(uri)) && TEMPLATE_MARKERS.test(text())) return 'template';
  return 'other';
}

export interface SampleInputSettings {
  /** Template glob (relative to a workspace folder) → sample input path (inside that folder; see `resolveInFolder`). */
  sampleInputs: Record<string, string>;
  /** Workspace folder URIs in VS Code's spelling (`util/uri.ts`), without a trailing slash. */
  workspaceFolders: string[];
}

/**
 * Where the sample input of a template may be, most specific first: the settings, then
 * `<name>.input.json` beside it. `templateUri` and the results are in VS Code's spelling, so a
 * candidate is the very URI the editor opens the file under.
 */
export function sampleInputCandidates(templateUri: string, settings: SampleInputSettings): string[] {
  const out: string[] = [];
  for (const folder of settings.workspaceFolders) {
    if (!templateUri.startsWith(folder + '/')) continue;
    const relative = decodeURIComponent(templateUri.slice(folder.length + 1));
    for (const [glob, input] of Object.entries(settings.sampleInputs)) {
      // The preview passes the settings as VS Code reads them, unchecked.
      if (typeof input !== 'string' || !matchesGlob(relative, glob)) continue;
      const candidate = resolveInFolder(folder, input);
      if (candidate) out.push(candidate);
    }
  }
  const name = basename(templateUri).replace(TEMPLATE_EXTENSIONS, '');
  out.push(sibling(templateUri, `${name}.input.json`));
  return out;
}
