import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { nextRequest, settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { SetupChecklist, SetupStatus } from './setup-checklist';

const URL = '/api/organizations/org-1/setup';
const HALFWAY: SetupStatus = {
  units: true,
  settings: true,
  satgas: false,
  policy: true,
  people: true,
  rules: false,
  invite: false,
  notInvited: 12,
  complete: false,
};

describe('SetupChecklist', () => {
  let fixture: ComponentFixture<SetupChecklist>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SetupChecklist, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    const signedIn = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await signedIn;
    fixture = TestBed.createComponent(SetupChecklist);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  it('lists the steps in order as links, each saying whether it is done', async () => {
    backend.expectOne(URL).flush(HALFWAY);
    await settle(fixture);
    const items = Array.from(page.querySelectorAll('ol > li'));
    expect(items.map((li) => li.getAttribute('data-step'))).toEqual([
      'units',
      'settings',
      'satgas',
      'policy',
      'people',
      'rules',
      'invite',
    ]);
    const satgas = items[2];
    expect(satgas.querySelector('a')?.getAttribute('href')).toBe(
      '/hr/settings',
    );
    expect(satgas.querySelector('.step-state')?.textContent?.trim()).toBe(
      'to do',
    );
    expect(items[0].querySelector('.step-state')?.textContent?.trim()).toBe(
      'done',
    );
    expect(page.querySelector('#setup-progress')?.textContent).toContain(
      '4 of 7 steps done.',
    );
    // The invite step offers the action itself and ticks after it.
    expect(items[6].textContent).toContain(
      '12 people have not been invited yet.',
    );
    const invite = items[6].querySelector('button');
    expect(invite?.textContent?.trim()).toBe('Invite everyone not yet invited');
    invite?.click();
    backend
      .expectOne('/api/people/invitations')
      .flush({
        invited: 12,
        withoutEmail: 0,
        alreadyActive: 0,
        deactivated: 0,
      });
    (await nextRequest(backend, URL)).flush({
      ...HALFWAY,
      invite: true,
      notInvited: 0,
    });
    await settle(fixture);
    expect(
      page
        .querySelector('li[data-step="invite"] .step-state')
        ?.textContent?.trim(),
    ).toBe('done');
  });

  it('goes away once every step is done', async () => {
    backend.expectOne(URL).flush({
      units: true,
      settings: true,
      satgas: true,
      policy: true,
      people: true,
      rules: true,
      invite: true,
      notInvited: 0,
      complete: true,
    } satisfies SetupStatus);
    await settle(fixture);
    expect(page.querySelector('section')).toBeNull();
  });
});
