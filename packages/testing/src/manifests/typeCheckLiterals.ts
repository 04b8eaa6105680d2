import { dirname, join } from 'node:path';
import ts from 'typescript';

/** One value to check: `value` must be assignable to `type`, imported from `from`. */
export interface LiteralCheck {
  /** A label for the messages, e.g. `Deployment/router`. */
  name: string;
  type: string;
  from: string;
  value: unknown;
}

/**
 * Checks data against published TypeScript declarations by writing each value as an object
 * literal annotated with its type and asking the compiler. Object literals get TypeScript's
 * excess-property check at every depth, so a misspelt or unknown field fails as well as a wrong
 * type or a missing required one: the strictness `kubectl apply --validate=strict` has, and that
 * JSON schemas without `additionalProperties: false` lack. Returns one line per error, naming
 * the value and the path TypeScript reports.
 */
export function typeCheckLiterals(checks: readonly LiteralCheck[], resolveFrom: string): string[] {
  const imports = new Map<string, Set<string>>();
  for (const { type, from } of checks) {
    const names = imports.get(from) ?? new Set<string>();
    names.add(type);
    imports.set(from, names);
  }
  const importLines = [...imports].map(([from, names]) => {
    const aliased = [...names].map((name) => `${name} as ${alias(from, name)}`);
    return `import type { ${aliased.join(', ')} } from ${JSON.stringify(from)};`;
  });
  const header = importLines.length;
  const declarations = checks.map(
    ({ type, from, value }, index) =>
      `export const value${index}: ${alias(from, type)} = ${JSON.stringify(value)};`,
  );
  const source = [...importLines, ...declarations].join('\n');

  // A file beside the caller, so bare imports resolve from its node_modules.
  const fileName = join(resolveFrom, '__literals__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === fileName ? source : readFile(path));
  host.fileExists = (path) => path === fileName || fileExists(path);
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) =>
    path === fileName
      ? ts.createSourceFile(path, source, languageVersion, true)
      : getSourceFile(path, languageVersion, onError, shouldCreate);

  const program = ts.createProgram([fileName], options, host);
  const diagnostics = [
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
    ...program.getOptionsDiagnostics(),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    if (diagnostic.file?.fileName !== fileName || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const check = checks[line - header];
    const at = JSON.stringify(
      diagnostic.file.text.slice(diagnostic.start, diagnostic.start + (diagnostic.length ?? 0)),
    ).slice(0, 80);
    return `${check?.name ?? `line ${line + 1}`} at ${at}: ${message}`;
  });
}

function alias(from: string, name: string): string {
  return `${name}_${from.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The folder of a module URL, for `resolveFrom`. */
export function folderOf(moduleUrl: string): string {
  return dirname(new URL(moduleUrl).pathname);
}
