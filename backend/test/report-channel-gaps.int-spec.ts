import { addPerson, api, login, PASSWORD, startTestApp, type TestApp } from './helpers';
import { channelFixture, type Channel } from './report-channel-fixtures';

describe('Confidential reports: Satgas navigation, partner settings, phone reports', () => {
  let t: TestApp;
  let c: Channel;

  beforeAll(async () => {
    t = await startTestApp();
    c = await channelFixture(t);
  });
  afterAll(() => t.close());

  it('GET /api/me says isSatgas for a designated Satgas member only, and stops saying it once HR removes them', async () => {
    const member = await addPerson(t.dataSource, c.org.id, { password: true });
    const colleague = await addPerson(t.dataSource, c.org.id, { password: true });
    const memberToken = await login(t.url, member.email, PASSWORD);
    const colleagueToken = await login(t.url, colleague.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(false);

    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: c.org.hrToken, body: { userIds: [member.id] } })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(true);
    expect((await api(t.url, 'GET', '/api/me', { token: colleagueToken })).body.isSatgas).toBe(false);
    expect((await api(t.url, 'GET', '/api/me', { token: c.org.hrToken })).body.isSatgas).toBe(false);

    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: c.org.hrToken, body: { userIds: [] } })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(false);
  });
});
