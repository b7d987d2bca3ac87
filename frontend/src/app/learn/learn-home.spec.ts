import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { SessionStore } from '../core/session/session-store';
import { Assignment } from './assignment';
import { LearnHome } from './learn-home';

describe('LearnHome', () => {
  let fixture: ComponentFixture<LearnHome>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [LearnHome, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
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
  });

  afterEach(() => backend.verify());

  it('welcomes the person and lists their training with translated status', async () => {
    expect(page.textContent).toContain('Loading…');
    const assignments: Assignment[] = [
      {
        id: 'a1',
        module: {
          slug: 'basics',
          title: 'Recognising harassment',
          audience: 'everyone',
          version: 'abc',
        },
        status: 'overdue',
        dueAt: '2026-03-31',
        completedAt: null,
        certificateSerial: null,
      },
      {
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
      },
    ];
    backend.expectOne('/api/my/assignments').flush(assignments);
    await fixture.whenStable();

    expect(page.querySelector('h1')?.textContent).toContain(
      'Welcome, Budi Santoso',
    );
    const items = page.querySelectorAll('.card-list > li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Recognising harassment');
    expect(items[0].textContent).toContain('Overdue');
    expect(items[0].textContent).toContain('31 Mar 2026');
    expect(items[1].textContent).toContain('Completed');
    expect(items[1].querySelector('a')?.getAttribute('href')).toBe(
      '/api/certificates/AMAN-2026-0001/pdf',
    );
  });

  it('shows the empty state for an empty list', async () => {
    backend.expectOne('/api/my/assignments').flush([]);
    await fixture.whenStable();

    expect(page.textContent).toContain('No training assigned yet');
  });

  it('shows the empty state, not an error, when the endpoint answers 404', async () => {
    backend
      .expectOne('/api/my/assignments')
      .flush(
        { statusCode: 404, message: 'Not Found' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();

    expect(page.textContent).toContain('No training assigned yet');
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
  });

  it('shows an error with a retry on other failures', async () => {
    backend
      .expectOne('/api/my/assignments')
      .flush(
        { statusCode: 500, message: 'boom' },
        { status: 500, statusText: 'Server Error' },
      );
    await fixture.whenStable();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Something went wrong on the server',
    );
    expect(page.textContent).not.toContain('boom');
    expect(page.textContent).toContain('Try again');
  });
});
