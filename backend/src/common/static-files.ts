import type { NextFunction, Request, Response } from 'express';
import { statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';

/** Angular's output hashing: `main-3GP53OJ7.js`, `chunk-…js`, `styles-…css`: the name changes with the content. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The best encoding the client accepts of those precompressed beside the file (brotli, then gzip). */
function pickEncoding(header: string | undefined, file: string): { encoding: 'br' | 'gzip'; suffix: string } | null {
  if (!header) return null;
  const accepted = new Map(
    header.split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br') && isFile(`${file}.br`)) return { encoding: 'br', suffix: '.br' };
  if (ok('gzip') && isFile(`${file}.gz`)) return { encoding: 'gzip', suffix: '.gz' };
  return null;
}

/**
 * Serves the built frontend: the .br/.gz copies written at build time (scripts/precompress.mjs)
 * when the browser accepts them, hashed files cached for a year as immutable, everything else
 * (index.html, translations) revalidated on each load; an app route without a file gets index.html.
 * A missing file with an extension falls through to the usual handling (404 or the static module).
 */
export function frontendFiles(rootDir: string) {
  const root = resolve(rootDir);
  const index = join(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return next();
    if (!isFile(file)) {
      if (extname(path)) return next();
      file = index;
      if (!isFile(file)) return next();
    }
    const chosen = pickEncoding(req.headers['accept-encoding'], file);
    res.setHeader('Cache-Control', HASHED.test(basename(file)) ? IMMUTABLE : 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    res.type(extname(file));
    if (chosen) res.setHeader('Content-Encoding', chosen.encoding);
    res.sendFile(`${file}${chosen?.suffix ?? ''}`, { cacheControl: false, dotfiles: 'deny' }, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  };
}
