import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { IndicatorsOverview } from '../core/audit/indicators-models';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { IndicatorsPanel } from './indicators-panel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const proposed: IndicatorsOverview = {
  engagementId: 'e1',
  values: {},
  indicators: [
    {
      id: 'i1', indicator: 'completion_staff', name: 'Module completion by staff', unit: 'share', higherIsBetter: true, target: 0.85,
      status: 'proposed', comment: null, available: true, note: null, values: [{ period: '2026-12-05', value: 0.6, source: 'current' }],
    },
  ],
};

describe('IndicatorsPanel (HR dashboard)', () => {
  let fixture: ComponentFixture<IndicatorsPanel>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [IndicatorsPanel, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    const loaded = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await loaded;
    fixture = TestBed.createComponent(IndicatorsPanel);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await tick();
    backend.expectOne((r) => r.url === '/api/organizations/org-1/indicators').flush(proposed);
    await settle(fixture);
  });
  afterEach(() => backend.verify());

  const button = (text: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes(text)) as HTMLButtonElement;

  it('accepts a proposal, or comments only once a comment is written, and announces the outcome', async () => {
    expect(button('Comment without accepting').disabled).toBe(true);
    const comment = page.querySelector('#indicators-comment') as HTMLTextAreaElement;
    comment.value = 'Staff target is too low';
    comment.dispatchEvent(new Event('input'));
    await settle(fixture);
    button('Comment without accepting').click();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/engagements/e1/indicators/accept');
    expect(req.request.body).toEqual({ accept: false, comment: 'Staff target is too low' });
    req.flush([]);
    await tick();
    backend.expectOne((r) => r.url === '/api/organizations/org-1/indicators').flush(proposed);
    await settle(fixture);
    expect(page.querySelector('[aria-live] [role=status]')?.textContent).toContain('Your comment was sent to the partner.');

    button('Accept the indicators').click();
    const accept = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/engagements/e1/indicators/accept');
    expect(accept.request.body).toEqual({ accept: true });
    accept.flush([]);
    await tick();
    backend.expectOne((r) => r.url === '/api/organizations/org-1/indicators').flush({ ...proposed, indicators: [{ ...proposed.indicators[0], status: 'accepted' }] });
    await settle(fixture);
    expect(page.querySelector('[aria-live] [role=status]')?.textContent).toContain('You accepted the indicators.');
    expect(button('Accept the indicators')).toBeUndefined();
  });
});
