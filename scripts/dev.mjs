// Development: the backend rebuilt and restarted on change (embedded PostgreSQL, demo data) on :3000,
// and the Angular dev server on :4200 proxying /api to it. Ctrl+C stops everything.
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';

const children = [];
const run = (cmd, args, opts = {}) => {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', ...opts.env }, cwd: opts.cwd });
  children.push(child);
  return child;
};
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

run('npx', ['webpack-cli', 'build', '--watch', '--node-env=development'], { cwd: 'backend' });
const bundle = 'dist/backend/main.js';
const startBackend = () => run('node', ['--watch-path=dist/backend', bundle], { env: { FRONTEND_DIST: '/nonexistent' } });
if (existsSync(bundle)) startBackend();
else {
  const watcher = watch('dist', { recursive: true }, () => {
    if (existsSync(bundle)) {
      watcher.close();
      setTimeout(startBackend, 500);
    }
  });
}
run('npx', ['nx', 'serve', 'frontend']);
