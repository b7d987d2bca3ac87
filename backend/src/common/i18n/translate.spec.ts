import { languageFromAcceptLanguage, resolveLanguage } from './language';
import { SERVER_MESSAGES } from './server-messages';
import { translateMessage } from './translate';
import type { Request } from 'express';

const request = (parts: { query?: Record<string, unknown>; locale?: string; acceptLanguage?: string }) =>
  ({
    query: parts.query ?? {},
    headers: parts.acceptLanguage ? { 'accept-language': parts.acceptLanguage } : {},
    actor: parts.locale ? { locale: parts.locale } : undefined,
  }) as unknown as Request;

describe('resolveLanguage (API.md: ?lang=, else the account, else Accept-Language, else Indonesian)', () => {
  it('takes ?lang= over the account and the header', () => {
    expect(resolveLanguage(request({ query: { lang: 'en' }, locale: 'id', acceptLanguage: 'id' }))).toBe('en');
  });
  it("takes the account's locale over Accept-Language", () => {
    expect(resolveLanguage(request({ locale: 'id', acceptLanguage: 'en-GB' }))).toBe('id');
  });
  it('takes Accept-Language without an account, and Indonesian without anything usable', () => {
    expect(resolveLanguage(request({ acceptLanguage: 'en-GB,en;q=0.9' }))).toBe('en');
    expect(resolveLanguage(request({ query: { lang: 'fr' }, acceptLanguage: '*' }))).toBe('id');
    expect(resolveLanguage(undefined)).toBe('id');
  });
  it('reads weights and the old code `in` for Indonesian', () => {
    expect(languageFromAcceptLanguage('fr;q=1, en;q=0.3, id;q=0.8')).toBe('id');
    expect(languageFromAcceptLanguage('in-ID')).toBe('id');
    expect(languageFromAcceptLanguage('id;q=0, en')).toBe('en');
    expect(languageFromAcceptLanguage('de, fr')).toBeNull();
  });
});

describe('translateMessage', () => {
  it('translates exact messages and keeps English for English readers', () => {
    expect(translateMessage('Person not found', 'id')).toBe('Orang tidak ditemukan');
    expect(translateMessage('Person not found', 'en')).toBe('Person not found');
  });
  it('carries field names and values over unchanged', () => {
    expect(translateMessage('hrAdmin.email must be an email', 'id')).toBe('hrAdmin.email harus berupa alamat email');
    expect(translateMessage('gender must be one of: female, male, not_stated', 'id')).toBe('gender harus salah satu dari: female, male, not_stated');
    expect(translateMessage('there is no unit HQ-9 in your organisation', 'id')).toBe('tidak ada unit HQ-9 di organisasi Anda');
  });
  it('translates a field-prefixed message and each part of a joined one', () => {
    expect(translateMessage('parentId: there is no such unit in your organisation', 'id')).toBe('parentId: tidak ada unit tersebut di organisasi Anda');
    expect(translateMessage('email should not be empty; property admin should not exist', 'id')).toBe(
      'email tidak boleh kosong; properti admin tidak dikenal dan tidak boleh dikirim',
    );
    expect(translateMessage('each value in roles must be a UUID', 'id')).toBe('setiap nilai dalam roles harus berupa UUID');
  });
  it('keeps a whole catalogue entry that holds "; " together', () => {
    expect(translateMessage('This rule is deactivated; create a new rule instead', 'id')).toBe(
      'Aturan ini sudah dinonaktifkan; buat aturan baru sebagai gantinya',
    );
  });
  it('leaves an unknown message as it was rather than half-translating it', () => {
    expect(translateMessage('Something nobody catalogued: yet', 'id')).toBe('Something nobody catalogued: yet');
  });
  it('has one Indonesian entry per English one, each with the same placeholders', () => {
    const seen = new Set<string>();
    for (const [en, id] of SERVER_MESSAGES) {
      expect(seen.has(en)).toBe(false);
      seen.add(en);
      const names = (text: string) => (text.match(/\{[a-zA-Z]+\}/g) ?? []).sort();
      expect({ en, names: names(id) }).toEqual({ en, names: names(en) });
    }
  });
});
