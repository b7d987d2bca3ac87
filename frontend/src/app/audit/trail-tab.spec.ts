import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { TrailCheck, TrailEntry } from '../core/audit/audit-models';
import { Engagement } from '../core/audit/engagement';
import { TrailTab } from './trail-tab';

const VERIFY = '/api/organizations/org-1/audit-log/verify';
const ENTRIES = '/api/organizations/org-1/audit-log/entries';
const TRAIL = '/api/organizations/org-1/audit-log/trail';
const ENGAGEMENTS = '/api/engagements';
const ENGAGEMENT: Engagement = {
  id: 'e-1',
  organizationId: 'org-1',
  organizationName: 'Org',
  partnerId: 'p-1',
  partnerName: 'Mitra',
  periodStart: '2026-01-01',
  periodEnd: '2099-12-31',
  scope: 'aggregate',
  active: true,
};

const CHECK: TrailCheck = {
  valid: true,
  entries: 2001,
  headHash: 'f'.repeat(64),
  headSeq: 2001,
  firstBrokenAt: null,
  pending: 0,
};

function entries(from: number, count: number): TrailEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    at: '2026-01-01T00:00:00.000Z',
    actorId: 'u-1',
    action: 'user.invited',
    targetType: 'user',
    targetId: `u-${from + i}`,
    details: { b: 1, a: 2 },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }));
}

/** jsdom's Blob has no text(). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('TrailTab', () => {
  let fixture: ComponentFixture<TrailTab>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [TrailTab, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TrailTab);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    // The entries in words (TrailViewer, tested on its own) start once the engagement is known.
    backend.expectOne(ENGAGEMENTS).flush([ENGAGEMENT]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === TRAIL).flush({ items: [], total: 0, page: 1, pageSize: 50, actions: [], timeZone: 'Asia/Jakarta' });
  });

  afterEach(() => backend.verify());

  function verdict(): Element | null {
    return page.querySelector('[role="status"] .verdict');
  }

  it('shows an intact trail with a tick and in words', async () => {
    backend.expectOne(VERIFY).flush(CHECK);
    await settle(fixture);

    expect(verdict()?.classList).toContain('verdict-valid');
    expect(verdict()?.textContent).toContain('✓');
    expect(verdict()?.textContent).toContain('The audit trail is intact');
    expect(verdict()?.textContent).toContain('All 2001 entries');
    expect(page.querySelector('.facts')?.textContent).toContain('f'.repeat(64));
  });

  it('names the first broken entry and the entries still waiting to be chained', async () => {
    backend
      .expectOne(VERIFY)
      .flush({ ...CHECK, valid: false, firstBrokenAt: 17, pending: 3 });
    await settle(fixture);

    expect(verdict()?.classList).toContain('verdict-invalid');
    expect(verdict()?.textContent).toContain('✗');
    expect(verdict()?.textContent).toContain('The audit trail is broken');
    expect(verdict()?.textContent).toContain('number 17');
    expect(verdict()?.textContent).toContain('not chained yet: 3');
  });

  describe('export', () => {
    let saved: Blob[];
    let clicked: HTMLAnchorElement[];

    beforeEach(async () => {
      saved = [];
      clicked = [];
      // jsdom has neither object URLs nor downloads.
      URL.createObjectURL = jest.fn((blob: Blob) => {
        saved.push(blob);
        return `blob:test/${saved.length}`;
      });
      URL.revokeObjectURL = jest.fn();
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function (this: HTMLAnchorElement) {
          clicked.push(this);
        });
      backend.expectOne(VERIFY).flush(CHECK);
      await settle(fixture);
    });

    afterEach(() => jest.restoreAllMocks());

    async function nextPage(afterSeq: number, page: TrailEntry[]) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
      const req = backend.expectOne((r) => r.url === ENTRIES);
      expect(req.request.params.get('afterSeq')).toBe(String(afterSeq));
      expect(req.request.params.get('limit')).toBe('1000');
      req.flush(page);
    }

    function status(): string {
      return (
        page.querySelector('#export-heading ~ [role="status"]')?.textContent ??
        ''
      );
    }

    it('pages through the entries until an empty page, then saves them as JSON Lines', async () => {
      const exportButton = Array.from(page.querySelectorAll('button')).find(
        (b) => b.textContent?.includes('Export entries'),
      );
      exportButton?.click();

      await nextPage(0, entries(1, 1000));
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
      expect(status()).toContain('1000 so far');
      expect(exportButton?.disabled).toBe(true);
      expect(page.querySelector('progress')?.getAttribute('max')).toBe('2001');

      await nextPage(1000, entries(1001, 1000));
      await nextPage(2000, entries(2001, 1));
      await nextPage(2001, []);
      await settle(fixture);

      expect(saved).toHaveLength(1);
      const lines = (await textOf(saved[0])).trimEnd().split('\n');
      expect(lines).toHaveLength(2001);
      expect(JSON.parse(lines[0])).toEqual(entries(1, 1)[0]);
      expect(JSON.parse(lines[2000]).seq).toBe(2001);
      expect(clicked).toHaveLength(1);
      expect(clicked[0].download).toBe('aman-trail-org-1.jsonl');
      expect(clicked[0].href).toBe('blob:test/1');
      expect(status()).toContain(
        '2001 entries saved as aman-trail-org-1.jsonl',
      );
      expect(exportButton?.disabled).toBe(false);
    });

    it('says what went wrong when a page cannot be read', async () => {
      Array.from(page.querySelectorAll('button'))
        .find((b) => b.textContent?.includes('Export entries'))
        ?.click();
      await nextPage(0, entries(1, 1000));
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend
        .expectOne((r) => r.url === ENTRIES)
        .flush(
          { statusCode: 403, message: 'The engagement has ended' },
          { status: 403, statusText: 'Forbidden' },
        );
      await settle(fixture);

      expect(saved).toHaveLength(0);
      expect(
        page.querySelector('section[aria-labelledby="export-heading"] [role="alert"]')?.textContent,
      ).toContain('The engagement has ended');
    });
  });

  it('says when the chain was rewritten after signed reports stated its head, and names them', async () => {
    backend.expectOne(VERIFY).flush({
      ...CHECK,
      valid: false,
      firstBrokenAt: null,
      anchors: { checked: 2, mismatched: ['report-7'], unsigned: 1 },
    });
    await settle(fixture);

    expect(verdict()?.classList).toContain('verdict-invalid');
    expect(verdict()?.textContent).toContain('The audit trail is broken');
    expect(verdict()?.textContent).toContain(
      'does not match the head stated in 1 signed report(s)',
    );
    expect(verdict()?.textContent).not.toContain('number null');
    expect(verdict()?.textContent).toContain(
      'Checked against the chain head stated in 2 signed audit report(s)',
    );
    expect(verdict()?.textContent).toContain('1 older report(s)');
    expect(page.querySelector('.anchors-mismatched')?.textContent).toContain(
      'report-7',
    );
  });

  it('shows the entries in words below the verdict, within the engagement and by its scope', async () => {
    backend.expectOne(VERIFY).flush(CHECK);
    await settle(fixture);
    const viewer = page.querySelector('aman-trail-viewer');
    expect(viewer?.textContent).toContain('people appear by their role only');
    expect(viewer?.querySelector('#trail-actor')).toBeNull();
    expect(viewer?.querySelector('#trail-from')?.getAttribute('min')).toBe('2026-01-01');
    expect(viewer?.querySelector('#trail-from')?.getAttribute('max')).toBe('2099-12-31');
    expect(viewer?.querySelector('.empty-state')?.textContent).toContain('No entries match these filters');
  });

  it('explains the canonical form with this organisation’s chain id', async () => {
    backend.expectOne(VERIFY).flush(CHECK);
    await settle(fixture);
    const text = page.textContent ?? '';
    expect(text).toContain(
      '[seq, chainId, at, actorId, action, targetType, targetId, details, prevHash]',
    );
    expect(text).toContain('64 zeros');
    expect(page.querySelector('pre')?.textContent).toContain(
      'aman-trail-org-1.jsonl org-1',
    );
  });
});
