import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of ../shared/STYLE.md 4.1 ("Data flows one way, so imports do too"),
 * checked over every non-test .ts file under src/. The rules that are broken today are
 * listed below as DEBT, each with its reason: a new break fails, and so does a DEBT entry
 * that no longer occurs, so the list only shrinks.
 */

/** A top folder of src/. */
type Folder =
  | 'model' | 'cluster' | 'framework' | 'plugins' | 'scenario' | 'generators' | 'sim' | 'metrics'
  | 'report' | 'run' | 'cli' | 'testing';

/** A type-only import (`import type`, `export type`, `import('…').T` in a type) or any other. */
type Kind = 'type' | 'value';

/**
 * What a folder may import from another: anything, type-only imports, or type-only
 * imports of the named exports only.
 */
type Allowed = 'all' | 'types' | { readonly types: readonly string[] };

/** The folders `run` may import: everything below it (STYLE.md: "model … report"). */
const BELOW_RUN = ['model', 'cluster', 'framework', 'plugins', 'scenario', 'generators', 'sim', 'metrics', 'report'] as const;

/**
 * STYLE.md 4.1's table "folder | may import from", row by row. A folder may always import
 * from itself. cli's "the types it prints" is read as type-only imports from any folder
 * below run: which types a command prints cannot be told from its imports.
 */
const RULES: Readonly<Record<Folder, Partial<Record<Folder, Allowed>>>> = {
  model: {},
  cluster: { model: 'all' },
  framework: { model: 'all', cluster: 'all' },
  plugins: { model: 'all', cluster: 'all', framework: 'all' },
  scenario: { model: 'all', framework: { types: ['ProfileSpec'] } },
  generators: { model: 'all', scenario: 'types' },
  sim: { model: 'all', cluster: 'all', framework: 'all' },
  metrics: { model: 'all', cluster: 'all', sim: 'types' },
  report: { metrics: 'types' },
  run: Object.fromEntries(BELOW_RUN.map((f) => [f, 'all'])),
  cli: { ...Object.fromEntries(BELOW_RUN.map((f) => [f, 'types'])), run: 'all' },
  testing: { model: 'all', cluster: 'all', framework: 'all' },
};

/**
 * src/ folders STYLE.md 4.1's table has no row for, and why; imports from and into them
 * are not checked. Any other folder must be added to the table (and to STYLE.md).
 */
const OUTSIDE_TABLE: Readonly<Record<string, string>> = {
  api: 'the public plugin API (package.json exports), added after the table was written',
  conformance: 'the kube conformance cases and their runner, added after the table was written',
};

/** An import that breaks the table today, with why it is still there. */
interface Debt {
  /** The importing file, relative to src/. */
  readonly file: string;
  readonly to: Folder;
  readonly kind: Kind;
  readonly why: string;
}

const CLI_WIRES = 'debt: builds the model, cluster or framework itself instead of handing a plan to run/ (STYLE.md: "every command builds a plan and hands it to run/")';
const CLI_PRINTS = 'debt: prints with values of metrics/ and report/ (METRICS, WHATIF_MEASURES, verdictText), not with types only';
const PROFILE_FILE = 'debt: reads and checks a profile file with scenario/ readers and framework/ names; belongs with the plan builders in run/';
const GENERATES = 'debt: checks or completes a scenario with generators/ values while loading it (the opposite direction of generators -> scenario types)';

/** The breaks of the table that remain, grouped by importing folder. */
const DEBT: readonly Debt[] = [
  // cli: commands that still do part of their work outside run/.
  { file: 'cli/conformance.ts', to: 'plugins', kind: 'value', why: 'debt: runs the conformance cases on the in-tree registry itself; conformance/ is not behind run/' },
  { file: 'cli/explain.ts', to: 'cluster', kind: 'value', why: CLI_WIRES },
  { file: 'cli/explain.ts', to: 'framework', kind: 'value', why: CLI_WIRES },
  { file: 'cli/explain.ts', to: 'generators', kind: 'value', why: CLI_WIRES },
  { file: 'cli/explain.ts', to: 'model', kind: 'value', why: CLI_WIRES },
  { file: 'cli/explain.ts', to: 'sim', kind: 'value', why: CLI_WIRES },
  { file: 'cli/figures.ts', to: 'report', kind: 'value', why: 'debt: writes the figures with report/ itself; run/ has no figures step' },
  { file: 'cli/load-profile.ts', to: 'framework', kind: 'value', why: PROFILE_FILE },
  { file: 'cli/load-profile.ts', to: 'model', kind: 'value', why: PROFILE_FILE },
  { file: 'cli/load-profile.ts', to: 'scenario', kind: 'value', why: PROFILE_FILE },
  { file: 'cli/openb.ts', to: 'framework', kind: 'value', why: CLI_WIRES },
  { file: 'cli/openb.ts', to: 'metrics', kind: 'value', why: CLI_PRINTS },
  { file: 'cli/openb.ts', to: 'model', kind: 'value', why: CLI_WIRES },
  { file: 'cli/openb.ts', to: 'report', kind: 'value', why: CLI_PRINTS },
  { file: 'cli/report-input-error.ts', to: 'metrics', kind: 'value', why: 'debt: names the metric catalogues (METRICS, WHATIF_MEASURES) in its messages' },
  { file: 'cli/report.ts', to: 'report', kind: 'value', why: 'debt: rebuilds the HTML with report/ itself; run/ has no step for it' },
  { file: 'cli/run.ts', to: 'metrics', kind: 'value', why: CLI_PRINTS },
  { file: 'cli/run.ts', to: 'report', kind: 'value', why: CLI_PRINTS },
  { file: 'cli/whatif.ts', to: 'cluster', kind: 'value', why: CLI_WIRES },
  { file: 'cli/whatif.ts', to: 'framework', kind: 'value', why: CLI_WIRES },
  { file: 'cli/whatif.ts', to: 'metrics', kind: 'value', why: CLI_PRINTS },
  { file: 'cli/whatif.ts', to: 'model', kind: 'value', why: CLI_WIRES },
  { file: 'cli/whatif.ts', to: 'report', kind: 'value', why: CLI_PRINTS },
  // metrics: StorageObserver runs the profile's volume PreFilters again to learn which one
  // rejected a pod; it can drop the framework once Diagnosis names the rejecting plugins
  // (kube's Diagnosis.UnschedulablePlugins), or move to run/.
  { file: 'metrics/storage-observer.ts', to: 'framework', kind: 'type', why: 'debt: calls the volume plugins\' PreFilters (Framework[\'filters\'], CycleContext) and reads Diagnosis' },
  { file: 'metrics/storage-observer.ts', to: 'framework', kind: 'value', why: 'debt: tells a PreFilter\'s Rejection by its class and an unexplained Diagnosis by the framework\'s marker (isExplained)' },
  // report: the floor is a fact of the test metrics/ runs (beside signFlipPValue, pure, no
  // imports); summary.csv names the test but not its floor, and a column would change the file.
  { file: 'report/scenario-verdict.ts', to: 'metrics', kind: 'value', why: 'debt: the sign-flip test\'s smallest p for n seeds (signFlipFloor), for the verdict\'s note' },
  // scenario: loading a scenario also generates, and checks against the framework's names.
  { file: 'scenario/check-generated.ts', to: 'generators', kind: 'value', why: GENERATES },
  { file: 'scenario/check-storage.ts', to: 'generators', kind: 'value', why: GENERATES },
  { file: 'scenario/load-scenario.ts', to: 'cluster', kind: 'value', why: 'debt: lists a scenario\'s cluster files with cluster/cluster-files.ts' },
  { file: 'scenario/load-scenario.ts', to: 'framework', kind: 'value', why: 'debt: fills in defaultProfile() for a scenario without a profile' },
  { file: 'scenario/load-scenario.ts', to: 'generators', kind: 'value', why: GENERATES },
];

/** One relative import or re-export of a source file. */
interface RelativeImport {
  /** The module specifier as written ('./x.js', '../model/ids.js'). */
  readonly specifier: string;
  readonly kind: Kind;
  /** The exports named ('default' for a default import, '*' for a namespace or `export *`). */
  readonly names: readonly string[];
  readonly line: number;
}

/**
 * The relative imports of a TypeScript source: static `import … from` and `import '…'`,
 * `export … from`, dynamic `import('…')` and `import('…').T` in types. Only `import type`,
 * `export type` and the type form of `import()` are type-only: with verbatimModuleSyntax
 * `import { type T } from` still loads the module, so it counts as a value import.
 */
function relativeImports(fileName: string, text: string): RelativeImport[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: RelativeImport[] = [];
  const add = (spec: ts.Node | undefined, kind: Kind, names: readonly string[], at: ts.Node) => {
    if (spec === undefined || !ts.isStringLiteralLike(spec) || !spec.text.startsWith('.')) return;
    out.push({ specifier: spec.text, kind, names, line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly === true ? 'type' : 'value', importedNames(node.importClause), node);
    } else if (ts.isExportDeclaration(node)) {
      const names = node.exportClause !== undefined && ts.isNamedExports(node.exportClause)
        ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
      add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'value', names, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], 'value', ['*'], node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, 'type', [node.qualifier === undefined ? '*' : leftmost(node.qualifier)], node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function importedNames(clause: ts.ImportClause | undefined): string[] {
  if (clause === undefined) return [];
  const names = clause.name !== undefined ? ['default'] : [];
  const b = clause.namedBindings;
  if (b !== undefined && ts.isNamespaceImport(b)) names.push('*');
  if (b !== undefined && ts.isNamedImports(b)) names.push(...b.elements.map((e) => (e.propertyName ?? e.name).text));
  return names;
}

function leftmost(q: ts.EntityName): string {
  return ts.isIdentifier(q) ? q.text : leftmost(q.left);
}

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every non-test .ts file under src/, relative to it, with '/' separators. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [relative(SRC, p).split(sep).join('/')] : [];
  });
}

/** The top folder of a src-relative path ('' for a file directly in src/). */
function topFolder(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function isRuled(folder: string): folder is Folder {
  return Object.hasOwn(RULES, folder);
}

/** Whether the table lets `from` import `imp` from `to`. */
function allows(from: Folder, to: Folder, imp: RelativeImport): boolean {
  if (from === to) return true;
  const a = RULES[from][to];
  if (a === undefined) return false;
  if (a === 'all') return true;
  if (imp.kind !== 'type') return false;
  return a === 'types' || imp.names.every((n) => a.types.includes(n));
}

/** A folder's row of the table, for messages: "model, cluster, sim (types)". */
function describeRow(from: Folder): string {
  const row = Object.entries(RULES[from]).map(([to, a]) =>
    (a === 'all' ? to : a === 'types' ? `${to} (types)` : `${to} (types ${a.types.join(', ')})`));
  return row.length === 0 ? 'nothing in src' : row.join(', ');
}

/** A break of the table: the file, the import and the rule, with the key DEBT lists it by. */
interface Break {
  readonly key: string;
  readonly message: string;
}

const debtKey = (file: string, to: string, kind: Kind) => `${file} -> ${to} (${kind})`;

function tableBreaks(): Break[] {
  const out: Break[] = [];
  for (const file of sourceFiles()) {
    const from = topFolder(file);
    if (!isRuled(from)) continue;
    for (const imp of relativeImports(file, readFileSync(join(SRC, file), 'utf8'))) {
      const target = relative(SRC, resolve(SRC, dirname(file), imp.specifier)).split(sep).join('/');
      const to = topFolder(target);
      if (target.startsWith('..') || !isRuled(to) || allows(from, to, imp)) continue;
      out.push({
        key: debtKey(file, to, imp.kind),
        message: `src/${file}:${imp.line} imports '${imp.specifier}' (${imp.kind}${imp.kind === 'type' ? ` ${imp.names.join(', ')}` : ''}): `
          + `STYLE.md 4.1 lets ${from} import from ${describeRow(from)}`,
      });
    }
  }
  return out;
}

describe('STYLE.md 4.1 import rules', () => {
  const breaks = tableBreaks();
  const debt = new Map(DEBT.map((d) => [debtKey(d.file, d.to, d.kind), d]));

  it('knows every top folder of src/', () => {
    const unknown = [...new Set(sourceFiles().map(topFolder))].filter((f) => !isRuled(f) && !Object.hasOwn(OUTSIDE_TABLE, f));
    expect(unknown, 'add these folders to RULES (and STYLE.md 4.1) or to OUTSIDE_TABLE').toEqual([]);
  });

  it('lists each debt once', () => {
    expect(debt.size).toBe(DEBT.length);
  });

  it('no import breaks the table, except the listed debt', () => {
    expect(breaks.filter((b) => !debt.has(b.key)).map((b) => b.message)).toEqual([]);
  });

  it('every listed debt still occurs (remove the ones that are paid)', () => {
    const seen = new Set(breaks.map((b) => b.key));
    expect([...debt].filter(([k]) => !seen.has(k)).map(([k, d]) => `${k}: ${d.why}`)).toEqual([]);
  });
});

describe('relativeImports', () => {
  const cases: { name: string; source: string; want: Omit<RelativeImport, 'line'>[] }[] = [
    { name: 'a value import', source: "import { a, b as c } from './x.js';", want: [{ specifier: './x.js', kind: 'value', names: ['a', 'b'] }] },
    { name: 'a type import', source: "import type { T } from '../model/ids.js';", want: [{ specifier: '../model/ids.js', kind: 'type', names: ['T'] }] },
    { name: 'inline type specifiers still load the module', source: "import { type T } from './x.js';", want: [{ specifier: './x.js', kind: 'value', names: ['T'] }] },
    { name: 'default and namespace imports', source: "import d from './d.js';\nimport * as ns from './n.js';", want: [
      { specifier: './d.js', kind: 'value', names: ['default'] }, { specifier: './n.js', kind: 'value', names: ['*'] },
    ] },
    { name: 'a side-effect import', source: "import './setup.js';", want: [{ specifier: './setup.js', kind: 'value', names: [] }] },
    { name: 'a re-export', source: "export { f } from './f.js';", want: [{ specifier: './f.js', kind: 'value', names: ['f'] }] },
    { name: 'a type re-export', source: "export type { T as U } from './t.js';", want: [{ specifier: './t.js', kind: 'type', names: ['T'] }] },
    { name: 'export *', source: "export * from './all.js';", want: [{ specifier: './all.js', kind: 'value', names: ['*'] }] },
    { name: 'a dynamic import', source: "async function f() { return (await import('./later.js')).x; }", want: [{ specifier: './later.js', kind: 'value', names: ['*'] }] },
    { name: 'import() in a type', source: "let v: import('./t.js').T.U;", want: [{ specifier: './t.js', kind: 'type', names: ['T'] }] },
    { name: 'packages, locals and strings are not relative imports', source: "import { z } from 'zod';\nexport { z };\nconst s = \"import x from './no.js'\";", want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(relativeImports('case.ts', c.source).map(({ line: _line, ...r }) => r)).toEqual(c.want);
    });
  }

  it('gives the line of each import', () => {
    expect(relativeImports('case.ts', "// one\nimport type { T } from './t.js';\n\nexport * from './a.js';").map((r) => r.line)).toEqual([2, 4]);
  });
});
