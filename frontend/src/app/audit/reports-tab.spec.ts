import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { ReportsTab } from './reports-tab';

describe('ReportsTab', () => {
  it('keeps the report date pickers within the engagement in force', async () => {
    await TestBed.configureTestingModule({
      imports: [ReportsTab, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    TestBed.inject(LanguageStore).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReportsTab);
    fixture.componentRef.setInput('orgId', 'o1');
    fixture.detectChanges();
    backend.expectOne('/api/engagements').flush([
      {
        id: 'old',
        organizationId: 'o1',
        periodStart: '2025-01-01',
        periodEnd: '2025-06-30',
        active: false,
      },
      {
        id: 'other-org',
        organizationId: 'o2',
        periodStart: '2024-01-01',
        periodEnd: '2030-12-31',
        active: true,
      },
      {
        id: 'now',
        organizationId: 'o1',
        periodStart: '2026-02-01',
        periodEnd: '2026-11-30',
        active: true,
      },
    ]);
    backend.match(() => true).forEach((r) => r.flush([]));
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    for (const id of ['report-periodStart', 'report-periodEnd']) {
      const input = page.querySelector(`#${id}`);
      expect(input?.getAttribute('min')).toBe('2026-02-01');
      expect(input?.getAttribute('max')).toBe('2026-11-30');
    }
  });
});
