import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { SessionStore } from '../core/session/session-store';
import { Assignment } from './assignment';
import { LearnHome } from './learn-home';
import { MyPolicy } from './module-content';

function assignment(overrides: Partial<Assignment>): Assignment {
  return {
    id: 'a1',
    module: {
      slug: 'basics',
      title: 'Recognising harassment',
      audience: 'everyone',
      version: 'abc',
    },
    status: 'not_started',
    dueAt: '2026-03-31',
    completedAt: null,
    certificateSerial: null,
    progress: { read: 0, total: 4 },
    ...overrides,
  };
}

describe('LearnHome', () => {
  let fixture: ComponentFixture<LearnHome>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [LearnHome, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);

    const session = TestBed.inject(SessionStore);
    const signedIn = session.load();
    backend
      .expectOne('/api/me')
      .flush(userWith(['employee'], { name: 'Budi Santoso' }));
    await signedIn;

    fixture = TestBed.createComponent(LearnHome);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    // The home page's survey list (survey-list.spec.ts) is not under test here: no open surveys.
    backend
      .match((r) => r.url === '/api/my/surveys')
      .forEach((r) => r.flush([]));
  });

  afterEach(() => backend.verify());

  function assignmentsRequest(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/my/assignments');
  }

  function policiesRequest(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/my/policies');
  }

  function cards(): HTMLElement[] {
    return Array.from(
      page.querySelectorAll<HTMLElement>(
        '[aria-labelledby="my-training-heading"] .card-list > li',
      ),
    );
  }

  it('welcomes the person and lists their training with status, progress and what to do next', async () => {
    expect(page.textContent).toContain('Loading…');
    const request = assignmentsRequest();
    expect(request.request.params.get('lang')).toBe('en');
    request.flush([
      assignment({
        status: 'overdue',
        progress: { read: 1, total: 4 },
        estimatedMinutes: 25,
        lastAttemptId: 'att-9',
      }),
      assignment({
        id: 'a2',
        module: {
          slug: 'leaders',
          title: 'Power and responsibility',
          audience: 'leaders',
          version: 'def',
        },
        status: 'completed',
        dueAt: '2026-01-31',
        completedAt: '2026-01-10T03:00:00Z',
        certificateSerial: 'AMAN-2026-0001',
        progress: { read: 3, total: 3 },
      }),
    ]);
    policiesRequest().flush([]);
    await fixture.whenStable();

    expect(page.querySelector('h1')?.textContent).toContain(
      'Welcome, Budi Santoso',
    );
    const [overdue, completed] = cards();
    expect(cards()).toHaveLength(2);
    expect(overdue.textContent).toContain('Recognising harassment');
    expect(overdue.textContent).toContain('Overdue');
    expect(overdue.textContent).toContain('31 Mar 2026');
    const progress = overdue.querySelector('progress');
    expect(progress?.value).toBe(1);
    expect(progress?.max).toBe(4);
    expect(
      page.querySelector(`label[for="${progress?.id}"]`)?.textContent,
    ).toContain('1 of 4 lessons read');
    expect(overdue.querySelector('a.button')?.textContent).toContain(
      'Continue',
    );
    expect(overdue.querySelector('a.button')?.getAttribute('href')).toBe(
      '/learn/modules/basics',
    );
    expect(page.querySelector('.callout-warning')?.textContent).toContain(
      'Overdue training: 1',
    );

    expect(overdue.querySelector('.module-duration')?.textContent).toContain(
      '25 min',
    );
    // A submitted attempt's result can be opened again from the card.
    expect(
      overdue.querySelector('a[href="/learn/modules/basics/attempts/att-9"]')
        ?.textContent,
    ).toContain('My last result');
    expect(completed.querySelector('a[href*="/attempts/"]')).toBeNull();
    // A card without a known duration shows none rather than an empty value.
    expect(completed.querySelector('.module-duration')).toBeNull();
    expect(completed.textContent).toContain('Completed');
    expect(completed.textContent).toContain('Review');
    expect(
      completed.querySelector('a[href="/api/certificates/AMAN-2026-0001/pdf"]')
        ?.textContent,
    ).toContain('Download certificate');
  });

  it('offers the quiz once every lesson is read', async () => {
    assignmentsRequest().flush([
      assignment({ status: 'in_progress', progress: { read: 4, total: 4 } }),
    ]);
    policiesRequest().flush([]);
    await fixture.whenStable();

    const next = cards()[0].querySelector('a.button');
    expect(next?.textContent).toContain('Take the quiz');
    expect(next?.getAttribute('href')).toBe('/learn/modules/basics/quiz');
    expect(page.querySelector('.callout-warning')).toBeNull();
  });

  it('lists the documents to sign', async () => {
    assignmentsRequest().flush([]);
    const policies: MyPolicy[] = [
      {
        id: 'p1',
        kind: 'policy',
        version: 2,
        title: 'Anti-harassment policy 2026',
        body: '<p>…</p>',
        publishedAt: '2026-01-05T02:00:00Z',
        signedAt: null,
      },
      {
        id: 'p2',
        kind: 'commitment',
        version: 1,
        title: 'Our commitment',
        body: '<p>…</p>',
        publishedAt: '2026-01-05T02:00:00Z',
        signedAt: '2026-01-06T02:00:00Z',
      },
    ];
    policiesRequest().flush(policies);
    await fixture.whenStable();

    const section = page.querySelector('[aria-labelledby="policies-heading"]');
    expect(section?.textContent).toContain(
      'Documents waiting for your signature: 1',
    );
    const links = Array.from(section?.querySelectorAll('a') ?? []);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/learn/policies/p1',
      '/learn/policies/p2',
    ]);
    expect(links[0].textContent).toContain('Read and sign');
    expect(section?.textContent).toContain('Signed');
  });

  it('shows the empty state for an empty list', async () => {
    assignmentsRequest().flush([]);
    policiesRequest().flush([]);
    await fixture.whenStable();

    expect(page.textContent).toContain('No training assigned yet');
    expect(
      page.querySelector('[aria-labelledby="policies-heading"]'),
    ).toBeNull();
  });

  it('shows the empty state, not an error, when the endpoint answers 404', async () => {
    assignmentsRequest().flush(
      { statusCode: 404, message: 'Not Found' },
      { status: 404, statusText: 'Not Found' },
    );
    policiesRequest().flush([]);
    await fixture.whenStable();

    expect(page.textContent).toContain('No training assigned yet');
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
  });

  it('shows an error with a retry on other failures', async () => {
    assignmentsRequest().flush(
      { statusCode: 500, message: 'boom' },
      { status: 500, statusText: 'Server Error' },
    );
    policiesRequest().flush([]);
    await fixture.whenStable();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Something went wrong on the server',
    );
    expect(page.textContent).not.toContain('boom');
    expect(page.textContent).toContain('Try again');
  });
});
