import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { IndicatorsTab } from './indicators-tab';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IndicatorsTab (auditor)', () => {
  let fixture: ComponentFixture<IndicatorsTab>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [IndicatorsTab, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(IndicatorsTab);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('orgId', 'o1');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/indicators/catalogue').flush([
      { indicator: 'know_how_to_report', name: 'Respondents who know how to report', unit: 'share', higherIsBetter: true, source: 'Latest survey', range: [0, 1] },
      { indicator: 'median_days_to_close', name: 'Median days to close a case', unit: 'days', higherIsBetter: false, source: 'Channel', range: [0, 3650] },
    ]);
    backend.expectOne((r) => r.url === '/api/organizations/o1/indicators').flush({ engagementId: 'e1', indicators: [], values: {} });
    await settle(fixture);
  });
  afterEach(() => backend.verify());

  it('proposes the chosen indicators, shares typed as percentages and sent as fractions', async () => {
    const check = (id: string) => (page.querySelector(`#ind-${id}`) as HTMLInputElement).click();
    check('know_how_to_report');
    check('median_days_to_close');
    await settle(fixture);
    const type = (id: string, value: string) => {
      const input = page.querySelector(`#target-${id}`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    expect(page.querySelector('label[for="target-know_how_to_report"]')?.textContent).toContain('Target (%)');
    type('know_how_to_report', '80');
    type('median_days_to_close', '30');
    (page.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    const req = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/engagements/e1/indicators');
    expect(req.request.body).toEqual([
      { indicator: 'know_how_to_report', target: 0.8 },
      { indicator: 'median_days_to_close', target: 30 },
    ]);
    req.flush([]);
    await tick();
    backend.expectOne((r) => r.url === '/api/organizations/o1/indicators').flush({ engagementId: 'e1', indicators: [], values: {} });
    await settle(fixture);
    expect(page.querySelector('[role=status]')?.textContent).toContain('Proposal saved');
  });
});
