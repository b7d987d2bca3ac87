import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { Finding } from '../core/audit/audit-models';
import { AuditFindings } from './audit-findings';

const FINDINGS = '/api/organizations/org-1/findings';
const REPORTS = '/api/organizations/org-1/audit-reports';

const FINDING: Finding = {
  id: 'f-1',
  reportId: 'r-1',
  severity: 'medium',
  text: 'Leaders have not signed the commitment declaration.',
  dueOn: '2999-03-31',
  correctiveAction: null,
  respondedAt: null,
  closureProposedAt: null,
  closedAt: null,
  reopenedAt: null,
  createdAt: '2026-07-02T02:00:00Z',
  status: 'open',
  closedOnTime: null,
};
const RESPONDED: Finding = {
  ...FINDING,
  status: 'responded',
  correctiveAction: 'All leaders signed on 3 July.',
  respondedAt: '2026-07-03T02:00:00Z',
};

describe('AuditFindings (HR)', () => {
  let fixture: ComponentFixture<AuditFindings>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeAll(() => {
    // jsdom has <dialog> without its modal behaviour.
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AuditFindings, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditFindings);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne(FINDINGS).flush([FINDING]);
    backend.expectOne(REPORTS).flush([]);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function button(text: string, within: ParentNode = page): HTMLButtonElement {
    const found = Array.from(
      within.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  /** After an action, the list is read again; answer it with `findings`. */
  async function reloaded(findings: Finding[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne(FINDINGS).flush(findings);
    await settle(fixture);
  }

  it('responds to a finding with the corrective action', async () => {
    button('Respond').click();
    await fixture.whenStable();
    const dialog = page.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(document.activeElement?.id).toBe('respond-action');

    dialog?.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone(`${FINDINGS}/f-1/response`);
    expect(
      dialog?.querySelector('#respond-action-error')?.textContent,
    ).toContain('This field is required.');

    const action =
      dialog?.querySelector<HTMLTextAreaElement>('#respond-action');
    if (!action) throw new Error('no field');
    action.value = ' All leaders signed on 3 July. ';
    action.dispatchEvent(new Event('input'));
    dialog?.querySelector('form')?.dispatchEvent(new Event('submit'));

    const req = backend.expectOne(`${FINDINGS}/f-1/response`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      correctiveAction: 'All leaders signed on 3 July.',
    });
    req.flush({});
    await reloaded([RESPONDED]);

    expect(dialog?.open).toBe(false);
    expect(page.querySelector('#hr-findings-done')?.textContent).toContain(
      'The response has been saved.',
    );
    expect(document.activeElement?.id).toBe('hr-findings-done');
    expect(page.querySelector('.card')?.textContent).toContain('Responded');
  });

  it('offers no closing to HR: only a closure proposal, once responded', async () => {
    expect(() => button('Close finding')).toThrow();
    expect(() => button('Propose closure')).toThrow();

    fixture.componentInstance['findings'].reload();
    await reloaded([RESPONDED]);
    button('Propose closure').click();
    const req = backend.expectOne(`${FINDINGS}/f-1/propose-closure`);
    expect(req.request.method).toBe('POST');
    req.flush({});
    await reloaded([
      {
        ...RESPONDED,
        status: 'closure_proposed',
        closureProposedAt: '2026-07-04T02:00:00Z',
      },
    ]);

    expect(page.querySelector('#hr-findings-done')?.textContent).toContain(
      'Closure has been proposed. The auditors have been notified.',
    );
    const card = page.querySelector('.card');
    expect(card?.textContent).toContain('Closure proposed');
    expect(card?.textContent).toContain('waiting for the auditor');
    expect(card?.querySelectorAll('button')).toHaveLength(0);
  });

  it('says whether a closed finding was closed on time', async () => {
    fixture.componentInstance['findings'].reload();
    await reloaded([
      {
        ...RESPONDED,
        id: 'f-1',
        status: 'closed',
        closedAt: '2026-07-04T02:00:00Z',
        closedOnTime: true,
      },
      {
        ...RESPONDED,
        id: 'f-2',
        status: 'closed',
        closedAt: '2026-07-04T02:00:00Z',
        closedOnTime: false,
      },
    ]);
    const cards = page.querySelectorAll('.card');
    expect(cards[0].textContent).toContain('Closed on time');
    expect(cards[1].textContent).toContain('Closed after the due date');
    expect(page.querySelectorAll('.card button')).toHaveLength(0);
  });

  it('shows the server’s reason when a proposal is refused (409)', async () => {
    fixture.componentInstance['findings'].reload();
    await reloaded([RESPONDED]);
    button('Propose closure').click();
    backend
      .expectOne(`${FINDINGS}/f-1/propose-closure`)
      .flush(
        { statusCode: 409, message: 'Closure is already proposed' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);

    const alert = page.querySelector('.card [role="alert"]');
    expect(alert?.textContent).toContain('Closure is already proposed');
    expect(page.querySelector('#hr-findings-done')).toBeNull();
  });
});
