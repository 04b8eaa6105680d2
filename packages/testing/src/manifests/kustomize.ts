import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { toolsDir } from '../services.ts';

/** An object as kustomize renders it: any Kubernetes kind, typed only as far as every kind goes. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** kustomize as built by scripts/test-env.sh, else one on PATH. */
export function locateKustomize(env: NodeJS.ProcessEnv = process.env): string {
  const built = join(toolsDir(env), 'bin', 'kustomize');
  if (executable(built)) return built;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, 'kustomize'))) return join(dir, 'kustomize');
  }
  throw new Error(
    `kustomize not found in ${join(toolsDir(env), 'bin')} or on PATH: run bash scripts/test-env.sh`,
  );
}

/** `kustomize build <dir>`, parsed into one object per YAML document. */
export function kustomizeBuild(dir: string, kustomize = locateKustomize()): RenderedObject[] {
  const output = execFileSync(kustomize, ['build', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(output).map((document) => {
    const [error] = document.errors;
    if (error !== undefined) throw new Error(`kustomize build ${dir}: ${error.message}`);
    return document.toJS() as RenderedObject;
  });
}
