import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where templates and fonts are: beside the bundle in a build (`dist/backend/documents-assets`),
 * in the source tree when running tests or from the repository root.
 */
export function documentsAssetsDir(): string {
  const candidates = [
    join(dirname(process.argv[1] ?? '.'), 'documents-assets'),
    resolve('backend/src/documents/assets'),
    resolve('src/documents/assets'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'templates')));
  if (!found) throw new Error(`document templates not found (looked in ${candidates.join(', ')})`);
  return found;
}
