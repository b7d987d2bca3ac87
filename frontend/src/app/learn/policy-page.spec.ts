import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { SessionStore } from '../core/session/session-store';
import { MyPolicy } from './module-content';
import { PolicyPage } from './policy-page';

const POLICY: MyPolicy = {
  id: 'p1',
  kind: 'policy',
  version: 2,
  title: 'Anti-harassment policy',
  body: '<p>We do not tolerate <strong>harassment</strong>.</p>',
  publishedAt: '2026-01-05T02:00:00Z',
  signedAt: null,
};

describe('PolicyPage', () => {
  let fixture: ComponentFixture<PolicyPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PolicyPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    backend
      .expectOne('/api/me')
      .flush(userWith(['employee'], { name: 'Siti Rahma' }));
    await signedIn;

    fixture = TestBed.createComponent(PolicyPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'p1');
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  async function load(policies: MyPolicy[] = [POLICY]): Promise<void> {
    backend.expectOne((r) => r.url === '/api/my/policies').flush(policies);
    await settle(fixture);
  }

  function sign(name: string): void {
    const input = page.querySelector<HTMLInputElement>('#policy-name');
    if (!input) throw new Error('no name field');
    input.value = name;
    input.dispatchEvent(new Event('input'));
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  it('shows the document with a labelled name field hinting the expected name', async () => {
    await load();

    expect(page.querySelector('h1')?.textContent).toBe(
      'Anti-harassment policy',
    );
    expect(page.querySelector('.policy-body strong')?.textContent).toBe(
      'harassment',
    );
    expect(
      page.querySelector('label[for="policy-name"]')?.textContent,
    ).toContain('Type your full name to sign');
    expect(page.querySelector('#policy-name-hint')?.textContent).toContain(
      'Siti Rahma',
    );
  });

  it('signs with the typed name', async () => {
    await load();
    sign('  Siti Rahma ');

    const req = backend.expectOne('/api/policies/p1/acknowledge');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ typedName: 'Siti Rahma' });
    expect(
      page.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled,
    ).toBe(true);
    req.flush(
      { documentId: 'p1', signedAt: '2026-02-01T03:00:00Z' },
      { status: 201, statusText: 'Created' },
    );
    await settle(fixture);

    expect(page.querySelector('form')).toBeNull();
    expect(page.querySelector('#policy-signed')?.textContent).toContain(
      'You signed this document on',
    );
  });

  it('names the field when the server refuses the name (400)', async () => {
    await load();
    sign('Siti');
    backend.expectOne('/api/policies/p1/acknowledge').flush(
      {
        statusCode: 400,
        message:
          'typedName must be your full name as on your account (Siti Rahma)',
        fields: [
          { field: 'typedName', message: 'does not match your full name' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    const input = page.querySelector('#policy-name');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(input?.getAttribute('aria-describedby')).toContain(
      'policy-name-error',
    );
    expect(page.querySelector('#policy-name-error')?.textContent).toContain(
      'The name does not match your account. Type Siti Rahma.',
    );
  });

  it('says so when a newer version exists (409)', async () => {
    await load();
    sign('Siti Rahma');
    backend.expectOne('/api/policies/p1/acknowledge').flush(
      {
        statusCode: 409,
        message:
          'A newer version of this document exists: sign the current one',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);

    expect(page.querySelector('#policy-sign-error')?.textContent).toContain(
      'A newer version of this document has been published',
    );
  });

  it('does not post an empty name', async () => {
    await load();
    sign('   ');
    await fixture.whenStable();

    backend.expectNone('/api/policies/p1/acknowledge');
    expect(page.querySelector('#policy-name-error')?.textContent).toContain(
      'This field is required.',
    );
  });

  it('shows when the document is already signed, without a form', async () => {
    await load([{ ...POLICY, signedAt: '2026-01-20T03:00:00Z' }]);

    expect(page.querySelector('form')).toBeNull();
    expect(page.textContent).toContain('You signed this document on');
  });
});
