import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { PastAttempt, PastResultPage } from './past-result-page';

const FAILED: PastAttempt = {
  id: 'att-1',
  module: { slug: 'basics', title: 'Recognising harassment' },
  moduleVersion: 'abc',
  score: 50,
  passed: false,
  passMark: 80,
  submittedAt: '2026-11-02T03:00:00Z',
  questions: 8,
  correct: 4,
  certificateSerial: null,
};

describe('PastResultPage', () => {
  let fixture: ComponentFixture<PastResultPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PastResultPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(PastResultPage);
    fixture.componentRef.setInput('slug', 'basics');
    fixture.componentRef.setInput('attemptId', 'att-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  function request() {
    const req = backend.expectOne((r) => r.url === '/api/my/attempts/att-1');
    expect(req.request.params.get('lang')).toBe('en');
    return req;
  }

  it('shows a failed result again with the way back to the quiz', async () => {
    request().flush(FAILED);
    await settle(fixture);
    expect(page.querySelector('h1')?.textContent).toContain(
      'Recognising harassment',
    );
    expect(page.querySelector('#past-result-outcome')?.textContent).toContain(
      'Not passed: 50 (pass mark 80)',
    );
    expect(page.querySelector('.facts')?.textContent).toContain('4 of 8');
    expect(
      page.querySelector('a[href="/learn/modules/basics/quiz"]'),
    ).not.toBeNull();
  });

  it('shows a passed result with its certificate', async () => {
    request().flush({
      ...FAILED,
      score: 100,
      passed: true,
      correct: 8,
      certificateSerial: 'ABCD-EFGH-JKMN-PQRS-TVWX',
    });
    await settle(fixture);
    expect(page.querySelector('#past-result-outcome')?.textContent).toContain(
      'Passed with 100',
    );
    expect(
      page.querySelector(
        'a[href="/api/certificates/ABCD-EFGH-JKMN-PQRS-TVWX/pdf"]',
      ),
    ).not.toBeNull();
  });

  it('says so when the attempt is not found', async () => {
    request().flush(
      { statusCode: 404, message: 'Attempt not found' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Attempt not found',
    );
  });
});
