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
import { Pretest } from './blocks/interactive-api';
import { PretestPage } from './pretest-page';

const PRETEST: Pretest = {
  available: true,
  score: null,
  takenAt: null,
  questions: [
    { id: 'p1', text: 'Can consent be withdrawn?', multiple: false, options: [{ id: 'a', text: 'Yes' }, { id: 'b', text: 'Never at all' }] },
    { id: 'p2', text: 'Which are non-physical?', multiple: true, options: [{ id: 'a', text: 'Catcalls' }, { id: 'b', text: 'Comments' }, { id: 'c', text: 'A meeting' }] },
  ],
};

describe('PretestPage', () => {
  let fixture: ComponentFixture<PretestPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PretestPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
  });
  afterEach(() => backend.verify());

  async function open(pretest: Pretest): Promise<void> {
    fixture = TestBed.createComponent(PretestPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('slug', 'basics');
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/modules/basics/pretest');
    expect(req.request.params.get('lang')).toBe('en');
    req.flush(pretest);
    await settle(fixture);
  }
  const submit = () => (page.querySelector('button[type=submit]') as HTMLButtonElement).click();

  it('asks every question, refuses to send with one unanswered, then shows and focuses the score', async () => {
    await open(PRETEST);
    const fieldsets = page.querySelectorAll('fieldset');
    expect(fieldsets).toHaveLength(2);
    expect(fieldsets[0].querySelectorAll('input[type=radio]')).toHaveLength(2);
    expect(fieldsets[1].querySelectorAll('input[type=checkbox]')).toHaveLength(3);

    (fieldsets[0].querySelector('input') as HTMLInputElement).click();
    submit();
    await settle(fixture);
    backend.expectNone('/api/modules/basics/pretest');
    expect(fieldsets[1].textContent).toContain('Answer this question.');
    expect(fieldsets[1].getAttribute('aria-describedby')).toBe('pretest-p2-hint pretest-p2-error');

    (fieldsets[1].querySelectorAll('input')[0] as HTMLInputElement).click();
    (fieldsets[1].querySelectorAll('input')[1] as HTMLInputElement).click();
    submit();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/modules/basics/pretest');
    expect(req.request.body).toEqual({ answers: { p1: ['a'], p2: ['a', 'b'] } });
    req.flush({ score: 100 });
    await settle(fixture);
    expect(page.querySelector('[role="status"]')?.textContent).toContain('Your pre-test score: 100%');
    expect(document.activeElement?.textContent).toContain('Your pre-test score: 100%');
  });

  it('says when the pre-test was taken already', async () => {
    await open({ ...PRETEST, available: false, score: 60 });
    expect(page.querySelector('form')).toBeNull();
    expect(page.textContent).toContain('You took the pre-test: 60%');
  });
});
