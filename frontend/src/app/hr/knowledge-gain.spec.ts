import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { KnowledgeGain, KnowledgeGainPanel } from './knowledge-gain';

const FIGURES: KnowledgeGain = {
  minGroupSize: 5,
  rows: [
    { module: 'm', moduleTitle: 'Recognising harassment', groupKind: 'organization', group: 'all', groupId: null, parentId: null, people: 12, before: 36.7, after: 80, gain: 43.3, suppressed: false },
    { module: 'm', moduleTitle: 'Recognising harassment', groupKind: 'role', group: 'leaders', groupId: null, parentId: null, people: null, before: null, after: null, gain: null, suppressed: true },
  ],
};

describe('KnowledgeGainPanel', () => {
  let fixture: ComponentFixture<KnowledgeGainPanel>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [KnowledgeGainPanel, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(KnowledgeGainPanel);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  it('shows before, after and gain per module and group, and hidden groups as hidden', async () => {
    const req = backend.expectOne((r) => r.url === '/api/reports/knowledge-gain');
    expect(req.request.params.get('groupBy')).toBe('role');
    req.flush(FIGURES);
    await settle(fixture);
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.trim()).join(' | '),
    );
    expect(rows[0]).toBe('Recognising harassment | Everyone | 12 | 36.7 | 80 | 43.3 points');
    expect(rows[1]).toContain('Leaders | hidden');
    expect(page.textContent).toContain('fewer than 5 people are hidden');
  });

  it('asks for units when the grouping changes', async () => {
    backend.expectOne((r) => r.url === '/api/reports/knowledge-gain').flush(FIGURES);
    await settle(fixture);
    const select = page.querySelector('select') as HTMLSelectElement;
    expect(page.querySelector(`label[for="${select.id}"]`)).not.toBeNull();
    select.value = 'unit';
    select.dispatchEvent(new Event('change'));
    // Not settle(): the page is not stable while the request is open.
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const req = backend.expectOne((r) => r.url === '/api/reports/knowledge-gain');
    expect(req.request.params.get('groupBy')).toBe('unit');
    req.flush({ minGroupSize: 5, rows: [] });
    await settle(fixture);
    expect(page.textContent).toContain('No one has taken both a pre-test and the quiz yet.');
  });
});
