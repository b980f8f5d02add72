import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'server/src');

interface Edge {
  to: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports or re-exports from, `import type` included, resolved to files of the set. */
function importsOf(file: string, files: Set<string>): Edge[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      const clause = statement.importClause;
      typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
    } else if (ts.isExportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), specifier.text);
    const to = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => files.has(candidate));
    assert.ok(to, `${path.relative(ROOT, file)} imports ${specifier.text}, which is not a source file`);
    edges.push({ to, typeOnly });
  }
  return edges;
}

function importGraph(folder: string): Map<string, Edge[]> {
  const files = new Set(sourceFiles(folder));
  return new Map([...files].map((file) => [file, importsOf(file, files)]));
}

/** Tarjan's strongly connected components of more than one module (or of one that imports itself): the import circles. */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) out.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return out;
}

describe('the import graph of server/src', () => {
  const graph = importGraph(SERVER);
  const relative = (file: string) => path.relative(SERVER, file);

  it('finds a circle where there is one, type imports included', () => {
    assert.deepEqual(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a', 'd']],
          ['d', []],
          ['e', ['e']],
        ]),
      ),
      [['a', 'b', 'c'], ['e']],
    );
    const service = graph.get(path.join(SERVER, 'service/features/completion.ts'))!;
    assert.ok(
      service.some((e) => relative(e.to) === 'service/ports.ts' && e.typeOnly),
      'completion reads the service through a type import of ports.ts',
    );
  });

  it('has no circle: nothing the service hands work to imports it back, not even for a type', () => {
    const edges = new Map([...graph].map(([file, imports]) => [file, imports.map((e) => e.to)]));
    assert.deepEqual(
      circles(edges).map((c) => c.map(relative)),
      [],
    );
  });

  it('reaches the service only from the hosts: its parts get narrow interfaces (ports.ts) instead', () => {
    const importers = [...graph].filter(([, imports]) => imports.some((e) => relative(e.to) === 'service/languageService.ts')).map(([file]) => relative(file));
    assert.deepEqual(importers.sort(), ['cli.ts', 'server.ts', 'warmUp.ts']);
  });

  it('keeps the layers apart: the parts do not reach the store, and the store reaches neither the features nor the index', () => {
    const crossings = (from: RegExp, to: RegExp) =>
      [...graph].flatMap(([file, imports]) =>
        from.test(relative(file)) ? imports.filter((e) => to.test(relative(e.to))).map((e) => `${relative(file)} → ${relative(e.to)}`) : [],
      );
    assert.deepEqual(crossings(/^service\/(features|checks|workspace)\//, /^service\/store\//), []);
    assert.deepEqual(crossings(/^service\/store\//, /^service\/(features\/|workspace\/index\.ts$|languageService\.ts$)/), []);
  });

  it('keeps ports.ts to types: it declares what parts read and implements nothing', () => {
    const ports = graph.get(path.join(SERVER, 'service/ports.ts'))!;
    assert.ok(ports.length > 0);
    assert.deepEqual(
      ports.filter((e) => !e.typeOnly).map((e) => relative(e.to)),
      [],
    );
  });
});
