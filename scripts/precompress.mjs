// node scripts/precompress.mjs [dir]   (default dist/frontend/browser; run after the frontend build)
// Writes <file>.br (brotli, quality 11) and <file>.gz (gzip -9) beside each text file of the built
// frontend, once, at build time, so the server sends them without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|xml|webmanifest|ico|map)$/;
// Below this size the headers cost more than compression saves.
const MIN_BYTES = 1024;

const root = resolve(process.argv[2] ?? 'dist/frontend/browser');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let before = 0;
let afterBrotli = 0;
let count = 0;
for (const path of files(root)) {
  if (!COMPRESSIBLE.test(path)) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  const gz = gzipSync(raw, { level: 9 });
  // A compressed copy that is not smaller is not worth a round of decoding.
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  before += raw.length;
  afterBrotli += Math.min(br.length, raw.length);
  count++;
}
console.log(`precompress: ${count} files in ${root}, ${(before / 1024).toFixed(0)} KB → ${(afterBrotli / 1024).toFixed(0)} KB brotli`);
