/**
 * A YAML template read again after an edit, section by section and resource by resource: the
 * pieces whose text the edit left as it was keep their nodes (copied to their new offsets), and
 * only the pieces it touched are parsed. Parsing a 100 KB stack whole takes the `yaml` package
 * some 80 ms and a 1 MB one most of a second; a key typed in one resource costs that resource.
 * A validation's reading (`share`) takes the pieces before the edit as they are, nodes and all:
 * they are where they were, and what was worked out from them (a policy's statements) holds.
 *
 * A template is cut where a line starts at the left margin (a section: `Parameters:`,
 * `Resources:`...) and, inside `Resources:`, where a line starts at the resources' indentation (a
 * resource); blank and comment lines stay in the piece before them. Each piece is then a YAML
 * document of one mapping member that reads alone as it reads in the whole: a line at one of
 * those indentations ends whatever block came before it, and nothing reaches back across it. What
 * could (an alias, which reads an anchor elsewhere; a flow collection or a quoted string running
 * over such a line, which leaves its piece with an error) sends the text to a whole parse:
 * `reparseSteps` answers undefined, as it does for anything but block mappings at the two levels
 * (a document marker, a tab, a quoted or complex key, a sequence at the margin). A test holds
 * the result to the whole parse, node for node, over some 1,700 edits, broken ones included.
 */
import type { Node } from 'jsonc-parser';
import { movedTree } from '../json/moveTree';
import { samePrefix, sameSuffix } from '../util/strings';
import { stepEvery } from '../util/steps';
import { isSelfContained, markSelfContained, parseYamlTree, type YamlTree } from './yaml';

/** A piece of a template: the text from `start` to `end`, one member whose key is at `keyStart`. */
interface Piece {
  start: number;
  end: number;
  keyStart: number;
}

/** A section at the left margin; `Resources:` with its resources, which are pieces of their own. */
interface Section extends Piece {
  resources?: Piece[];
}

/** A tree read in pieces: where they are, and each one's property node. */
interface Layout {
  sections: Section[];
  /** Each section's property, and each resource's (in the order of `sections` and their resources). */
  properties: Map<Piece, Node>;
}

/** The layouts of trees read here or matched to their text (by root). */
const LAYOUTS = new WeakMap<Node, Layout | null>();

/** Pieces read, or kept and copied, between two yields. */
const PIECES_PER_STEP = 16;
/** Lines that start a piece, found between two yields. */
const LINES_PER_STEP = 200;

const KEY_START = /[A-Za-z0-9_]/;
const RESOURCES_LINE = /^Resources:[ ]*(#.*)?\r?$/;

/**
 * The tree of `text`, the edited `previous` (a tree read from `previous.text`) reused where the
 * edit left its pieces alone; undefined where a whole parse must say (see the module's comment),
 * including when a piece the edit touched does not read cleanly alone.
 */
export function* reparseSteps(text: string, previous: { text: string; root: Node | undefined }, share = false): Generator<void, YamlTree | undefined> {
  const before = yield* layoutSteps(previous.text, previous.root);
  if (!before) return undefined;
  const sections = yield* piecesSteps(text);
  if (!sections) return undefined;
  const prefix = samePrefix(previous.text, text, 0, Math.min(previous.text.length, text.length));
  const suffix = sameSuffix(previous.text, text, Math.min(previous.text.length, text.length) - prefix);
  const delta = text.length - previous.text.length;
  // The previous pieces by where they start (sections read whole, and resources), to find the same text before and after the edit.
  const oldSections = new Map<number, Piece>();
  const oldResources = new Map<number, Piece>();
  for (const section of before.sections) {
    if (!section.resources) oldSections.set(section.start, section);
    for (const resource of section.resources ?? []) oldResources.set(resource.start, resource);
  }
  const kept = (piece: Piece, isResource: boolean): [Node, number] | undefined => {
    const shift = piece.end <= prefix ? 0 : piece.start >= text.length - suffix ? delta : undefined;
    if (shift === undefined) return undefined;
    const old = (isResource ? oldResources : oldSections).get(piece.start - shift);
    if (old?.end !== piece.end - shift) return undefined;
    const node = before.properties.get(old);
    return node ? [node, shift] : undefined;
  };
  // The pieces the edit touched first: one that does not read alone ends the attempt before any copying.
  const properties = new Map<Piece, Node>();
  const reuse: [Piece, Node, number][] = [];
  const step = stepEvery(PIECES_PER_STEP);
  for (const section of sections) {
    for (const [piece, isResource] of section.resources ? section.resources.map((r) => [r, true] as const) : [[section, false] as const]) {
      if (step()) yield;
      const found = kept(piece, isResource);
      if (found) {
        reuse.push([piece, ...found]);
        continue;
      }
      const read = readRun(text, [piece]);
      if (!read) return undefined;
      properties.set(piece, read[0]);
    }
  }
  for (const [piece, node, shift] of reuse) {
    if (step()) yield;
    // A piece that has not moved is shared when asked: its top member's parent becomes the new
    // mapping (`assemble`), and the last tree, which the new one replaces, is read no more. Only
    // a validation asks: a request reading the same version meanwhile copies (its tree may be the
    // one kept, and a validation sharing after it would take its pieces' parents away).
    const copy = share && shift === 0 ? node : movedTree(node, shift, true);
    if (!copy) return undefined;
    properties.set(piece, copy);
  }
  const root = assemble(text, sections, properties);
  if (!root) return undefined;
  LAYOUTS.set(root, { sections, properties });
  // Each piece was read alone without an error or an alias, or kept from a tree that was.
  markSelfContained(root);
  return { root, errors: [] };
}

/** A piece longer than this is not read in one step: the text is parsed whole, in slices. */
const MAX_PIECE_LENGTH = 65_536;
/** Resources read together in one step, up to about this many characters: one parse each, not one per resource. */
const RUN_LENGTH = 16_384;

/**
 * The tree of `text` read piece by piece, as `reparseSteps` cuts it, a step per run of
 * neighbouring resources (or per section), each run read alone (by js-yaml's events where they
 * decide it, `parseYamlTree`); undefined where a run does not read cleanly alone or a piece is
 * too long for one step, and the whole parse says. What opening a template does: the events of
 * a run are garbage as soon as it is read, where a whole document's were kept until its end
 * (and copied by every collection meanwhile). `first`: an offset whose run is read first (where
 * the last version's first error was), so that a template still broken there goes to the whole
 * parse before the others are read.
 */
export function* readInPiecesSteps(text: string, first?: number): Generator<void, YamlTree | undefined> {
  const sections = yield* piecesSteps(text);
  if (!sections) return undefined;
  const runs: Piece[][] = [];
  for (const section of sections) {
    if (!section.resources) {
      runs.push([section]);
      continue;
    }
    let run: Piece[] = [];
    for (const resource of section.resources) {
      if (run.length && resource.end - run[0].start > RUN_LENGTH) {
        runs.push(run);
        run = [];
      }
      run.push(resource);
    }
    runs.push(run);
  }
  if (first !== undefined) {
    const at = runs.findIndex((run) => run[0].start <= first && first < run[run.length - 1].end);
    if (at > 0) runs.unshift(...runs.splice(at, 1));
  }
  const properties = new Map<Piece, Node>();
  for (const run of runs) {
    yield;
    if (run[run.length - 1].end - run[0].start > MAX_PIECE_LENGTH) return undefined;
    const read = readRun(text, run);
    if (!read) return undefined;
    for (let i = 0; i < run.length; i++) properties.set(run[i], read[i]);
  }
  const root = assemble(text, sections, properties);
  if (!root) return undefined;
  LAYOUTS.set(root, { sections, properties });
  markSelfContained(root);
  return { root, errors: [] };
}

/** The layout of a tree read from `text`: its own when read here, else its top members matched to the text's pieces. */
function* layoutSteps(text: string, root: Node | undefined): Generator<void, Layout | undefined> {
  if (!root) return undefined;
  const known = LAYOUTS.get(root);
  if (known !== undefined) return known ?? undefined;
  const layout = yield* matchLayoutSteps(text, root);
  LAYOUTS.set(root, layout ?? null);
  return layout;
}

/** A whole parse's tree cut as `piecesSteps` cuts its text: each piece's property is the member whose key starts where the piece's does. */
function* matchLayoutSteps(text: string, root: Node): Generator<void, Layout | undefined> {
  if (!isSelfContained(root) || root.type !== 'object') return undefined;
  const sections = yield* piecesSteps(text);
  if (!sections || sections.length !== root.children?.length) return undefined;
  const properties = new Map<Piece, Node>();
  const match = (pieces: Piece[], members: Node[] | undefined) =>
    members?.length === pieces.length &&
    pieces.every((piece, i) => {
      if (members[i].offset !== piece.keyStart) return false;
      properties.set(piece, members[i]);
      return true;
    });
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    const member = root.children[i];
    if (member.offset !== section.keyStart) return undefined;
    properties.set(section, member);
    if (section.resources && !match(section.resources, member.children?.[1]?.children)) return undefined;
  }
  return { sections, properties };
}

/** Line breaks YAML reads that `\n` does not show (a lone CR), and JavaScript's own (which YAML does not): such a text is read whole. */
const OTHER_BREAKS = /\r(?!\n)|[\u2028\u2029]/;

/**
 * `text` cut into its sections (and `Resources:` into its resources); undefined for a text that
 * is not a block mapping of plain keys at the margin, whose `Resources` (when it has any) is one
 * at a single indentation, with nothing but blank and comment lines before its first key. The
 * regex engine finds the lines that start a piece (and passes over the others, which a resource's
 * body holds whatever they say); a yield every `LINES_PER_STEP` of them.
 */
function* piecesSteps(text: string): Generator<void, Section[] | undefined> {
  if (OTHER_BREAKS.test(text)) return undefined;
  const sections: Section[] = [];
  const step = stepEvery(LINES_PER_STEP);
  // A line that starts at the margin: a section's key, or what makes the text no template to cut.
  // A regex of this call's own: its position must stay while another call runs between two steps.
  const marginLine = /(?:^|\n)[^ \r\n#]/g;
  // Before the first section, nothing but blank and comment lines.
  const first = marginLine.exec(text);
  if (!first) return undefined;
  const firstStart = first[0].length === 2 ? first.index + 1 : first.index;
  if (/[^ \r\n]/.test(text.slice(0, firstStart).replace(/^ *#.*$/gm, ''))) return undefined;
  for (let match: RegExpExecArray | null = first; match; match = marginLine.exec(text)) {
    if (step()) yield;
    const at = match[0].length === 2 ? match.index + 1 : match.index;
    if (!KEY_START.test(text[at])) return undefined;
    if (sections.length) sections[sections.length - 1].end = at;
    const newline = text.indexOf('\n', at);
    const line = text.slice(at, newline === -1 ? text.length : newline);
    sections.push({ start: at, end: text.length, keyStart: at, resources: RESOURCES_LINE.test(line) ? [] : undefined });
  }
  for (const section of sections) {
    if (!section.resources) continue;
    const resources = yield* resourcesSteps(text, section, step);
    if (resources === undefined) return undefined;
    // `Resources:` with no resource under it is read whole, as any section.
    section.resources = resources.length ? resources : undefined;
  }
  return sections;
}

/** The resources of a `Resources:` section: from each line at the first one's indentation; a line less indented (not at the margin) leaves the text to the whole parse. */
function* resourcesSteps(text: string, section: Section, step: () => boolean): Generator<void, Piece[] | undefined> {
  const resources: Piece[] = [];
  const bodyStart = text.indexOf('\n', section.start) + 1;
  if (bodyStart === 0 || bodyStart >= section.end) return resources;
  const firstLine = /(?:^|\n)( *)[^ \r\n#]/g;
  firstLine.lastIndex = bodyStart - 1;
  const found = firstLine.exec(text);
  if (!found || found.index >= section.end) return resources;
  const indent = found[1].length;
  // Lines indented up to the resources' indentation: the resources' keys (and any line out of place).
  const boundary = new RegExp(`\\n( {0,${indent}})[^ \\r\\n#]`, 'g');
  boundary.lastIndex = bodyStart - 1;
  for (let match = boundary.exec(text); match && match.index + 1 < section.end; match = boundary.exec(text)) {
    if (step()) yield;
    const at = match.index + 1;
    const keyStart = at + match[1].length;
    if (match[1].length !== indent || !KEY_START.test(text[keyStart])) return undefined;
    if (resources.length) resources[resources.length - 1].end = at;
    resources.push({ start: at, end: section.end, keyStart });
  }
  return resources;
}

/** Neighbouring pieces' members, read alone together and moved to their offsets in `text`; undefined unless they read cleanly and whole. */
function readRun(text: string, pieces: Piece[]): Node[] | undefined {
  const start = pieces[0].start;
  const { root } = parseYamlTree(text.slice(start, pieces[pieces.length - 1].end));
  if (!isSelfContained(root) || root!.type !== 'object' || root!.children?.length !== pieces.length) return undefined;
  const members = root!.children;
  for (let i = 0; i < pieces.length; i++) {
    if (members[i].offset !== pieces[i].keyStart - start || !movedTree(members[i], start, false)) return undefined;
  }
  return members;
}

/**
 * The document's mapping around its pieces' members, as the whole parse builds it
 * (`Converter.mapObject`, `Converter.property`): a mapping from its first key to the end of its
 * last value, `Resources` the same around its resources. Undefined when a last member has no
 * value (the whole parse measures that mapping otherwise).
 */
function assemble(text: string, sections: Section[], properties: Map<Piece, Node>): Node | undefined {
  const mapping = (members: Node[], parent: Node | undefined): Node | undefined => {
    const last = members[members.length - 1];
    const value = last.children?.[1];
    if (!value) return undefined;
    const object: Node = { type: 'object', offset: members[0].offset, length: value.offset + value.length - members[0].offset, parent, children: members };
    for (const member of members) (member as { parent?: Node }).parent = object;
    return object;
  };
  const members: Node[] = [];
  for (const section of sections) {
    if (!section.resources) {
      members.push(properties.get(section)!);
      continue;
    }
    const keyEnd = section.keyStart + 'Resources'.length;
    const property: Node = { type: 'property', offset: section.keyStart, length: 0, parent: undefined, children: [] };
    (property as { colonOffset?: number }).colonOffset = text.indexOf(':', keyEnd);
    const key: Node = { type: 'string', value: 'Resources', offset: section.keyStart, length: keyEnd - section.keyStart, parent: property };
    const value = mapping(
      section.resources.map((r) => properties.get(r)!),
      property,
    );
    if (!value) return undefined;
    property.children!.push(key, value);
    (property as { length: number }).length = value.offset + value.length - property.offset;
    members.push(property);
  }
  return mapping(members, undefined);
}
