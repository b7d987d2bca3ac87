import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { LanguageStore } from '../session/language-store';
import { IndicatorsOverview } from './indicators-models';
import { IndicatorsView } from './indicators-view';

const OVERVIEW: IndicatorsOverview = {
  engagementId: 'e1',
  values: {},
  indicators: [
    {
      id: 'i1', indicator: 'know_how_to_report', name: 'Respondents who know how to report', unit: 'share', higherIsBetter: true, target: 0.8,
      status: 'accepted', comment: null, available: true, note: null,
      values: [{ period: '2026-06-30', value: 0.5, source: 'report', reportId: 'r1' }, { period: '2026-12-05', value: 0.625, source: 'current' }],
    },
    {
      id: 'i2', indicator: 'completion_leaders', name: 'Module completion by leaders', unit: 'share', higherIsBetter: true, target: 0.9,
      status: 'accepted', comment: null, available: true, note: null,
      values: [{ period: '2026-12-05', value: null, source: 'current' }],
    },
    {
      id: 'i3', indicator: 'knowledge_gain', name: 'Knowledge gain', unit: 'points', higherIsBetter: true, target: 0.2,
      status: 'accepted', comment: null, available: false, note: 'Not available yet', values: [{ period: '2026-12-05', value: null, source: 'current' }],
    },
  ],
};

describe('IndicatorsView (shared by HR and auditors)', () => {
  let fixture: ComponentFixture<IndicatorsView>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [IndicatorsView, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(IndicatorsView);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('orgId', 'o1');
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  it('shows each indicator against its target with its trend; a hidden value reads "–" and says why', async () => {
    backend.expectOne((r) => r.url === '/api/organizations/o1/indicators' && r.params.get('lang') === 'en').flush(OVERVIEW);
    await settle(fixture);
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows[0]).toEqual(['Respondents who know how to report', '80.0%', '62.5%', 'Not yet', '2026-06-30: 50.0% Today: 62.5%', 'Agreed']);
    expect(rows[1].slice(2, 4)).toEqual(['– hidden: too few people', '–']);
    expect(rows[2][2]).toBe('Not available yet');
    expect(page.querySelector('caption')?.textContent).toContain('against their targets');
  });

  it('says when nothing is agreed yet', async () => {
    backend.expectOne((r) => r.url === '/api/organizations/o1/indicators').flush({ engagementId: null, indicators: [], values: {} });
    await settle(fixture);
    expect(page.textContent).toContain('No indicators have been agreed with the partner yet.');
  });
});
