import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { AuditReport, Finding } from '../core/audit/audit-models';
import { FindingsTab } from './findings-tab';

const FINDINGS = '/api/organizations/org-1/findings';
const REPORTS = '/api/organizations/org-1/audit-reports';

const REPORT: AuditReport = {
  id: 'r-1',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  lang: 'id',
  status: 'done',
  sha256: 'a'.repeat(64),
  signature: 'c2ln',
  keyId: 'k',
  headSeq: 1,
  headHash: 'b'.repeat(64),
  pages: 3,
  error: null,
  createdAt: '2026-07-01T02:00:00Z',
  finishedAt: '2026-07-01T02:00:09Z',
  downloads: 0,
};

const FINDING: Finding = {
  id: 'f-1',
  reportId: 'r-1',
  severity: 'high',
  text: 'The task force has no external member.',
  dueOn: '2000-01-31',
  correctiveAction: null,
  respondedAt: null,
  closureProposedAt: null,
  closedAt: null,
  reopenedAt: null,
  createdAt: '2026-07-02T02:00:00Z',
  status: 'open',
  closedOnTime: null,
};

describe('FindingsTab', () => {
  let fixture: ComponentFixture<FindingsTab>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [FindingsTab, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FindingsTab);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  async function load(findings: Finding[], reports: AuditReport[]) {
    backend.expectOne(FINDINGS).flush(findings);
    backend.expectOne(REPORTS).flush(reports);
    await settle(fixture);
  }

  function set(id: string, value: string): void {
    const field = page.querySelector<
      HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
    >(`#${id}`);
    if (!field) throw new Error(`no #${id}`);
    field.value = value;
    field.dispatchEvent(
      new Event(field.tagName === 'SELECT' ? 'change' : 'input'),
    );
  }

  function submit(): void {
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
  }

  it('lists findings with severity, due date and state in words', async () => {
    await load(
      [
        FINDING,
        {
          ...FINDING,
          id: 'f-2',
          severity: 'low',
          status: 'responded',
          dueOn: '2999-01-01',
          correctiveAction: 'An external member was appointed.',
          respondedAt: '2026-07-05T02:00:00Z',
        },
      ],
      [REPORT],
    );

    const rows = page.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('High');
    expect(rows[0].textContent).toContain('Overdue');
    expect(rows[0].textContent).toContain('Open');
    expect(rows[0].textContent).toContain('No response yet');
    expect(rows[1].textContent).toContain('Responded');
    expect(rows[1].textContent).not.toContain('Overdue');
    expect(rows[1].textContent).toContain('An external member was appointed.');
  });

  it('records a finding on a done report', async () => {
    await load([], [REPORT, { ...REPORT, id: 'r-2', status: 'running' }]);
    const options = page.querySelectorAll('#finding-reportId option');
    // The placeholder and the one done report: running reports cannot carry findings.
    expect(options).toHaveLength(2);

    set('finding-reportId', 'r-1');
    set('finding-severity', 'critical');
    set(
      'finding-text',
      '  No reporting channel outside the line management.  ',
    );
    set('finding-dueOn', '2026-09-30');
    submit();

    const req = backend.expectOne(`${REPORTS}/r-1/findings`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      severity: 'critical',
      text: 'No reporting channel outside the line management.',
      dueOn: '2026-09-30',
    });
    req.flush({ id: 'f-9' }, { status: 201, statusText: 'Created' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne(FINDINGS).flush([{ ...FINDING, id: 'f-9' }]);
    await settle(fixture);

    expect(page.querySelector('.alert-success')?.textContent).toContain(
      'The finding has been recorded.',
    );
    expect(
      page.querySelector<HTMLTextAreaElement>('#finding-text')?.value,
    ).toBe('');
  });

  it('sends nothing while a field is missing and says which', async () => {
    await load([], [REPORT]);
    set('finding-reportId', 'r-1');
    submit();
    await fixture.whenStable();

    backend.expectNone(`${REPORTS}/r-1/findings`);
    for (const field of ['severity', 'text', 'dueOn']) {
      expect(
        page.querySelector(`#finding-${field}`)?.getAttribute('aria-invalid'),
      ).toBe('true');
    }
    expect(document.activeElement?.id).toBe('finding-severity');
  });

  it('shows the server’s field errors next to their fields', async () => {
    await load([], [REPORT]);
    set('finding-reportId', 'r-1');
    set('finding-severity', 'low');
    set('finding-text', 'Text');
    set('finding-dueOn', '2026-09-30');
    submit();
    backend.expectOne(`${REPORTS}/r-1/findings`).flush(
      {
        statusCode: 400,
        message: 'dueOn must be a date (YYYY-MM-DD)',
        fields: [{ field: 'dueOn', message: 'must be a date (YYYY-MM-DD)' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    expect(page.querySelector('#finding-dueOn-error')?.textContent).toContain(
      'must be a date (YYYY-MM-DD)',
    );
    expect(
      page.querySelector('#finding-dueOn')?.getAttribute('aria-describedby'),
    ).toContain('finding-dueOn-error');
  });

  it('points to the reports when none is done yet', async () => {
    await load([], [{ ...REPORT, status: 'queued' }]);
    expect(page.querySelector('#finding-reportId')).toBeNull();
    expect(page.textContent).toContain(
      'Findings are recorded on a finished report.',
    );
  });

  describe('closing and reopening', () => {
    const PROPOSED: Finding = {
      ...FINDING,
      status: 'closure_proposed',
      correctiveAction: 'An external member was appointed.',
      respondedAt: '2026-07-05T02:00:00Z',
      closureProposedAt: '2026-07-06T02:00:00Z',
    };
    const button = (row: Element, text: string) =>
      Array.from(row.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === text,
      );

    it('offers nothing while HR has not responded', async () => {
      await load([FINDING], [REPORT]);
      const row = page.querySelector('tbody tr')!;
      expect(row.querySelectorAll('button')).toHaveLength(0);
      expect(row.textContent).toContain('Waiting for HR');
    });

    it('closes a finding HR proposed to close, and says so', async () => {
      await load([PROPOSED], [REPORT]);
      button(page.querySelector('tbody tr')!, 'Close finding')!.click();
      const req = backend.expectOne(`${FINDINGS}/f-1/close`);
      expect(req.request.method).toBe('POST');
      req.flush({});
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend
        .expectOne(FINDINGS)
        .flush([
          {
            ...PROPOSED,
            status: 'closed',
            closedAt: '2026-07-07T02:00:00Z',
            closedOnTime: false,
          },
        ]);
      await settle(fixture);

      expect(page.querySelector('#findings-changed')?.textContent).toContain(
        'The finding has been closed. HR has been notified.',
      );
      expect(document.activeElement?.id).toBe('findings-changed');
      const row = page.querySelector('tbody tr')!;
      expect(row.textContent).toContain('Closed after the due date');
      expect(button(row, 'Close finding')).toBeUndefined();
      expect(button(row, 'Reopen')).toBeDefined();
    });

    it('reopens a finding, and shows the server’s refusal on the row (another partner: 403)', async () => {
      await load([PROPOSED], [REPORT]);
      button(page.querySelector('tbody tr')!, 'Reopen')!.click();
      backend
        .expectOne(`${FINDINGS}/f-1/reopen`)
        .flush(
          {
            statusCode: 403,
            message:
              'Only auditors of the partner that raised this finding can close or reopen it',
          },
          { status: 403, statusText: 'Forbidden' },
        );
      await settle(fixture);
      expect(
        page.querySelector('tbody tr [role="alert"]')?.textContent,
      ).toContain('partner that raised this finding');
      expect(page.querySelector('#findings-changed')).toBeNull();

      button(page.querySelector('tbody tr')!, 'Reopen')!.click();
      backend.expectOne(`${FINDINGS}/f-1/reopen`).flush({});
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend
        .expectOne(FINDINGS)
        .flush([{ ...PROPOSED, status: 'open', closureProposedAt: null }]);
      await settle(fixture);
      expect(page.querySelector('#findings-changed')?.textContent).toContain(
        'The finding has been reopened.',
      );
      expect(
        page.querySelector('tbody tr [role="alert"]')?.textContent?.trim(),
      ).toBe('');
    });
  });
});
