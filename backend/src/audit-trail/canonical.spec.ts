import { createHash } from 'node:crypto';
import { canonicalForm, canonicalJson, entryHash, entryHashOfForm, GENESIS_HASH, identifyingPaths, newSalts, redactEntry } from './canonical';

describe('canonical form', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('hashes the documented array form with sha256', () => {
    const entry = {
      seq: 1,
      chainId: '11111111-1111-1111-1111-111111111111',
      at: '2026-11-25T01:00:00.000Z',
      actorId: null,
      action: 'organization.onboarded',
      targetType: 'organization',
      targetId: 'x',
      details: { code: 'demo' },
      prevHash: GENESIS_HASH,
    };
    expect(canonicalForm(entry)).toBe(
      `[1,"11111111-1111-1111-1111-111111111111","2026-11-25T01:00:00.000Z",null,"organization.onboarded","organization","x",{"code":"demo"},"${GENESIS_HASH}"]`,
    );
    // The published formula, restated: sha256 of the UTF-8 text, lowercase hex.
    expect(entryHash(entry)).toBe(createHash('sha256').update(Buffer.from(canonicalForm(entry), 'utf8')).digest('hex'));
    expect(entryHash({ ...entry, details: { code: 'demo2' } })).not.toBe(entryHash(entry));
  });

  describe('form v2', () => {
    const entry = {
      seq: 7,
      chainId: '11111111-1111-1111-1111-111111111111',
      at: '2026-12-01T02:03:04.005Z',
      actorId: '22222222-2222-2222-2222-222222222222',
      action: 'learning.attempt_submitted',
      targetType: 'quiz_attempt',
      targetId: '33333333-3333-3333-3333-333333333333',
      details: { module: 'm1', version: 'v1', score: 0.8, passed: true, nested: [{ userId: 'u', keep: 1 }], 'a/b': { email: 'x@y' } },
      prevHash: GENESIS_HASH,
    };

    it('digests the actor, a personal target and identifying keys at any depth, and nothing else', () => {
      expect(identifyingPaths(entry).sort()).toEqual(['/actorId', '/details/a~1b/email', '/details/nested/0/userId', '/details/passed', '/details/score', '/targetId']);
      expect(identifyingPaths({ ...entry, actorId: null, targetType: 'organization' })).not.toContain('/targetId');
      expect(identifyingPaths({ ...entry, actorId: null })).not.toContain('/actorId');
      // A target type nobody listed is treated as personal.
      expect(identifyingPaths({ ...entry, targetType: 'something_new' })).toContain('/targetId');
    });

    it('hashes the entry with each value replaced by "sha256:" + sha256_hex(salt + canonicalJson(value))', () => {
      const salts = newSalts(entry);
      expect(Object.values(salts).every((s) => /^[0-9a-f]{32}$/.test(s))).toBe(true);
      expect(new Set(Object.values(salts)).size).toBe(Object.keys(salts).length);
      const redacted = redactEntry(entry, salts);
      const digest = (salt: string, value: unknown) => 'sha256:' + createHash('sha256').update(salt + JSON.stringify(value)).digest('hex');
      expect(redacted.actorId).toBe(digest(salts['/actorId'], entry.actorId));
      expect(redacted.details).toEqual({
        module: 'm1',
        version: 'v1',
        score: digest(salts['/details/score'], 0.8),
        passed: digest(salts['/details/passed'], true),
        nested: [{ userId: digest(salts['/details/nested/0/userId'], 'u'), keep: 1 }],
        'a/b': { email: digest(salts['/details/a~1b/email'], 'x@y') },
      });
      expect(entry.details.score).toBe(0.8); // the input is left alone
      const text = JSON.stringify(redacted);
      expect(text).not.toContain(entry.actorId);
      expect(text).not.toContain(entry.targetId);
      // The v2 hash is the v1 hash of the redacted entry: a reader of the redacted entry alone recomputes it.
      expect(entryHashOfForm(entry, 2, salts)).toBe(entryHash(redacted));
      expect(entryHashOfForm(entry, 2, salts)).not.toBe(entryHash(entry));
      expect(entryHashOfForm(entry, 1, null)).toBe(entryHash(entry));
      expect(entryHashOfForm({ ...entry, details: { ...entry.details, score: 0.9 } }, 2, salts)).not.toBe(entryHashOfForm(entry, 2, salts));
    });
  });
});
