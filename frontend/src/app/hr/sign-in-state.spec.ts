import { TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { SignInState } from './sign-in-state';

describe('SignInState', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SignInState, translocoTesting()],
    }).compileComponents();
  });

  async function render(
    inputs: {
      invitedAt?: string | null;
      lastSignInAt?: string | null;
      hasEmail?: boolean;
    },
    lang: 'id' | 'en' = 'en',
  ): Promise<string> {
    TestBed.inject(LanguageStore).use(lang);
    const fixture = TestBed.createComponent(SignInState);
    for (const [k, v] of Object.entries(inputs))
      fixture.componentRef.setInput(k, v);
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).textContent?.trim() ?? '';
  }

  it('says whether the person signed in, was invited, can be invited or has no email', async () => {
    await expect(
      render({
        invitedAt: '2026-11-02T03:00:00Z',
        lastSignInAt: '2026-11-03T03:00:00Z',
      }),
    ).resolves.toBe('Signed in 3 Nov 2026');
    await expect(
      render({ invitedAt: '2026-11-02T03:00:00Z', lastSignInAt: null }),
    ).resolves.toBe('Invited 2 Nov 2026, not signed in yet');
    await expect(render({ invitedAt: null, lastSignInAt: null })).resolves.toBe(
      'Not invited yet',
    );
    await expect(render({ hasEmail: false })).resolves.toBe(
      'No email: cannot sign in',
    );
  });

  it('reads in Indonesian', async () => {
    await expect(render({ invitedAt: null }, 'id')).resolves.toBe(
      'Belum diundang',
    );
    await expect(
      render({ invitedAt: '2026-11-02T03:00:00Z' }, 'id'),
    ).resolves.toMatch(/^Diundang 2 Nov 2026, belum pernah masuk$/);
  });
});
