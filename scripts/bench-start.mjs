// npm run bench:start — how long `npm start` takes on this install to a healthy /api/health, split into
// the build (`npm run build`, served from Nx's cache when nothing changed) and the server's own start
// (embedded PostgreSQL, migrations, content, demo check). Baseline in the same run: `node -e ''`, the
// cost of starting Node itself. Uses the project's DATA_DIR (.data by default), as `npm start` does.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const t0 = performance.now();
spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
const nodeMs = performance.now() - t0;

const port = await freePort();
const started = performance.now();
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
if (build.status !== 0) throw new Error('npm run build failed: run it by hand to see why');
const built = performance.now();
const server = spawn(process.execPath, ['dist/backend/main.js'], { stdio: 'ignore', env: { ...process.env, PORT: String(port) } });
let healthy = 0;
for (let i = 0; i < 1200 && !healthy; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) healthy = performance.now();
  } catch {}
  if (!healthy) await new Promise((r) => setTimeout(r, 100));
}
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
if (!healthy) throw new Error('the server did not become healthy within 2 minutes');
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`node itself: ${s(nodeMs)}`);
console.log(`build (npm run build): ${s(built - started)}; server to healthy /api/health: ${s(healthy - built)}`);
console.log(`npm start to healthy: ${s(healthy - started)} (goal under 20 s on a warm install)`);
