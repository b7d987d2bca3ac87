import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { MySurvey } from './survey-api';
import { SurveyList } from './survey-list';

const base: MySurvey = { id: 'w1', title: 'Climate survey', opensOn: '2026-12-01', closesOn: '2026-12-31', answered: false, intro: '', contentNote: '', support: '', questions: [] };

describe('SurveyList (home page)', () => {
  let fixture: ComponentFixture<SurveyList>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [SurveyList, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(SurveyList);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  it('offers each open survey once, with an accessible link, and thanks for answered ones', async () => {
    backend.expectOne((r) => r.url === '/api/my/surveys').flush([base, { ...base, id: 'w2', title: 'Leaders survey', answered: true }]);
    await settle(fixture);
    const links = Array.from(page.querySelectorAll('a'));
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('/learn/surveys/w1');
    expect(links[0].textContent?.replace(/\s+/g, ' ').trim()).toBe('Answer the survey : Climate survey');
    expect(page.querySelectorAll('li')[1].textContent).toContain('Answered, thank you');
    expect(page.querySelector('h2')?.textContent).toContain('Surveys');
  });

  it('shows nothing when no survey is open', async () => {
    backend.expectOne((r) => r.url === '/api/my/surveys').flush([]);
    await settle(fixture);
    expect(page.querySelector('section')).toBeNull();
  });
});
