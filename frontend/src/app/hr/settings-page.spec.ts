import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { SessionStore } from '../core/session/session-store';
import { OrganizationSettings } from './hr-models';
import { SettingsPage } from './settings-page';

const URL = '/api/organizations/org-1/settings';

const SETTINGS: OrganizationSettings & { name: string } = {
  name: 'Dinas Sosial Provinsi Contoh',
  timeZone: 'Asia/Makassar',
  sopSteps: { id: ['Laporkan ke Satgas'], en: ['Report to the task force'] },
  taskForce: [
    {
      name: 'Ani Lestari',
      role: { id: 'Ketua', en: 'Chair' },
      contact: 'ani@contoh.go.id',
    },
  ],
  channels: [],
};

describe('SettingsPage', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SettingsPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await signedIn;

    fixture = TestBed.createComponent(SettingsPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne(URL).flush(SETTINGS);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function field(id: string): HTMLInputElement {
    const input = page.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    return input;
  }

  function type(id: string, value: string): void {
    const input = field(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(
      page.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  async function save(): Promise<void> {
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('sets the certificate signatory with its position in both languages, and removes it when the name is emptied', async () => {
    expect(
      page.querySelector('label[for="settings-certificateSignatory-name"]')
        ?.textContent,
    ).toContain('Signatory');
    type('settings-certificateSignatory-name', ' Dr. Ratna Sari ');
    type('settings-certificateSignatory-title-id', 'Ketua Satgas');
    type('settings-certificateSignatory-title-en', 'Chair of the task force');
    await save();
    const put = backend.expectOne((r) => r.url === URL && r.method === 'PUT');
    expect(put.request.body.certificateSignatory).toEqual({
      name: 'Dr. Ratna Sari',
      title: { id: 'Ketua Satgas', en: 'Chair of the task force' },
    });
    put.flush({
      ...SETTINGS,
      certificateSignatory: put.request.body.certificateSignatory,
    });
    await settle(fixture);
    expect(field('settings-certificateSignatory-title-en').value).toBe(
      'Chair of the task force',
    );

    type('settings-certificateSignatory-name', '');
    await save();
    const cleared = backend.expectOne(
      (r) => r.url === URL && r.method === 'PUT',
    );
    expect(cleared.request.body.certificateSignatory).toBeNull();
    cleared.flush({ ...SETTINGS, certificateSignatory: null });
    await settle(fixture);
  });

  it('shows the server’s objection next to the signatory’s position', async () => {
    type('settings-certificateSignatory-name', 'Dr. Ratna Sari');
    await save();
    backend
      .expectOne((r) => r.url === URL && r.method === 'PUT')
      .flush(
        {
          statusCode: 400,
          message: 'certificateSignatory.title.en should not be empty',
          fields: [
            {
              field: 'certificateSignatory.title.en',
              message: 'certificateSignatory.title.en should not be empty',
            },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(
      field('settings-certificateSignatory-title-en').getAttribute(
        'aria-invalid',
      ),
    ).toBe('true');
    expect(
      page.querySelector('#settings-certificateSignatory-title-en-error')
        ?.textContent,
    ).toContain('should not be empty');
  });

  it('fills the form from the organisation’s settings', () => {
    expect(page.textContent).toContain('Dinas Sosial Provinsi Contoh');
    expect(field('settings-timeZone').value).toBe('Asia/Makassar');
    expect(field('settings-sopSteps-id-0').value).toBe('Laporkan ke Satgas');
    expect(field('settings-taskForce-0-role-en').value).toBe('Chair');
    expect(
      page.querySelector('label[for="settings-taskForce-0-contact"]')
        ?.textContent,
    ).toContain('Contact');
  });

  it('saves exactly timeZone, sopSteps, taskForce, channels and the certificate signatory, with added rows', async () => {
    button('Add a channel').click();
    await fixture.whenStable();
    expect(document.activeElement?.id).toBe('settings-channels-0-name-id');
    type('settings-channels-0-name-id', 'SAPA 129');
    type('settings-channels-0-name-en', 'SAPA 129 hotline');
    type('settings-channels-0-contact', '021-129');
    field('settings-channels-0-independent').click();
    button('Add a step').click();
    await fixture.whenStable();
    type('settings-sopSteps-id-1', 'Satgas menindaklanjuti');

    await save();
    // The English list has one step, the Indonesian two: each language keeps its own list.
    const req = backend.expectOne(URL);
    expect(req.request.method).toBe('PUT');
    expect(Object.keys(req.request.body as object).sort()).toEqual([
      'certificateSignatory',
      'channels',
      'sopSteps',
      'taskForce',
      'timeZone',
    ]);
    expect(req.request.body).toEqual({
      certificateSignatory: null,
      timeZone: 'Asia/Makassar',
      sopSteps: {
        id: ['Laporkan ke Satgas', 'Satgas menindaklanjuti'],
        en: ['Report to the task force'],
      },
      taskForce: SETTINGS.taskForce,
      channels: [
        {
          name: { id: 'SAPA 129', en: 'SAPA 129 hotline' },
          contact: '021-129',
          independent: true,
        },
      ],
    });
    req.flush({ ...SETTINGS, ...(req.request.body as object) });
    await settle(fixture);

    expect(page.querySelector('.alert-success')?.textContent).toContain(
      'The settings have been saved',
    );
  });

  it('does not send rows with empty fields', async () => {
    button('Add a member').click();
    await fixture.whenStable();
    await save();

    backend.expectNone(URL);
    expect(
      field('settings-taskForce-1-name').getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('shows the server’s field errors next to their fields', async () => {
    await save();
    backend.expectOne(URL).flush(
      {
        statusCode: 400,
        message:
          'taskForce.0.contact must be shorter than or equal to 200 characters',
        fields: [
          {
            field: 'taskForce.0.contact',
            message:
              'taskForce.0.contact must be shorter than or equal to 200 characters',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    const contact = field('settings-taskForce-0-contact');
    expect(contact.getAttribute('aria-invalid')).toBe('true');
    expect(contact.getAttribute('aria-describedby')).toContain(
      'settings-taskForce-0-contact-error',
    );
    expect(
      page.querySelector('#settings-taskForce-0-contact-error')?.textContent,
    ).toContain('shorter than or equal to 200 characters');
  });
});
