import { canonicalForm, canonicalJson, entryHash, GENESIS_HASH } from './canonical';

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
    expect(entryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...entry, details: { code: 'demo2' } })).not.toBe(entryHash(entry));
  });
});
