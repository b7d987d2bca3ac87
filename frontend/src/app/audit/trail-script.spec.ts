/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recomputeScript, trailFileName } from './trail-script';

const ORG = '11111111-1111-1111-1111-111111111111';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
// Written apart from the script: JSON.stringify of arrays and flat objects whose keys are already sorted.
const hashOf = (e: { seq: number; at: string; actorId: unknown; action: string; targetType: unknown; targetId: unknown; details: unknown }, prev: string) =>
  sha(JSON.stringify([e.seq, ORG, e.at, e.actorId, e.action, e.targetType, e.targetId, e.details, prev]));

/** A chain of a v1 entry then a v2 entry, as a full reader and as an aggregate reader receive it. */
function chain() {
  const v1 = { seq: 1, at: '2026-12-01T00:00:00.000Z', form: 1, actorId: 'u-1', action: 'auth.login', targetType: 'session', targetId: 's-1', details: {} };
  const h1 = hashOf(v1, '0'.repeat(64));
  const salts = { '/actorId': 'a'.repeat(32), '/details/score': 'b'.repeat(32) };
  const values = { seq: 2, at: '2026-12-01T00:00:01.000Z', form: 2, actorId: 'u-1', action: 'learning.attempt_submitted', targetType: 'organization', targetId: 'o', details: { module: 'm', score: 0.5 } };
  const redacted = {
    ...values,
    actorId: 'sha256:' + sha('a'.repeat(32) + '"u-1"'),
    details: { module: 'm', score: 'sha256:' + sha('b'.repeat(32) + '0.5') },
  };
  const h2 = hashOf(redacted, h1);
  return {
    full: [
      { ...v1, salts: null, prevHash: '0'.repeat(64), hash: h1 },
      { ...values, salts, prevHash: h1, hash: h2 },
    ],
    aggregate: [
      { seq: 1, at: v1.at, action: v1.action, form: 1, prevHash: '0'.repeat(64), hash: h1 },
      { ...redacted, redacted: Object.keys(salts), prevHash: h1, hash: h2 },
    ],
  };
}

function run(entries: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'aman-trail-'));
  writeFileSync(join(dir, trailFileName(ORG)), entries.map((e) => JSON.stringify(e) + '\n').join(''));
  try {
    // Without colours: Nx forces them on, and node would then print numbers wrapped in ANSI codes.
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    return execFileSync('sh', ['-c', recomputeScript(ORG)], { cwd: dir, encoding: 'utf8', env });
  } catch (error) {
    return String((error as { stdout: string }).stdout);
  }
}

describe('the recompute script', () => {
  it('recomputes both forms from what a full reader exports (values and salts)', () => {
    const { full } = chain();
    expect(run(full)).toContain(`intact, head ${full[1].hash}`);
    full[1].details = { module: 'm', score: 0.9 };
    expect(run(full)).toContain('broken at 2');
  });

  it('recomputes redacted entries and links hash-only ones for an aggregate reader', () => {
    const { aggregate } = chain();
    expect(run(aggregate)).toContain(`intact, head ${aggregate[1].hash} (2 entries, 1 before the cut-over checked by their link only)`);
    aggregate[1].action = 'auth.login';
    expect(run(aggregate)).toContain('broken at 2');
  });
});
