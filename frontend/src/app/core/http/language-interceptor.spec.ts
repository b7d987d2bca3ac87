import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoTesting } from '../../../testing/transloco-testing';
import { languageInterceptor } from './language-interceptor';

describe('languageInterceptor', () => {
  function setUp() {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideHttpClient(withInterceptors([languageInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    return {
      http: TestBed.inject(HttpClient),
      backend: TestBed.inject(HttpTestingController),
    };
  }

  it('sends the language the page is shown in with API calls', () => {
    const { http, backend } = setUp();
    TestBed.inject(TranslocoService).setActiveLang('id');
    http.post('/api/auth/login', {}).subscribe();
    expect(
      backend
        .expectOne('/api/auth/login')
        .request.headers.get('Accept-Language'),
    ).toBe('id');
    TestBed.inject(TranslocoService).setActiveLang('en');
    http.get('/api/me').subscribe();
    expect(
      backend.expectOne('/api/me').request.headers.get('Accept-Language'),
    ).toBe('en');
  });

  it('leaves other requests and an explicit language alone', () => {
    const { http, backend } = setUp();
    http.get('/i18n/id.json').subscribe();
    expect(
      backend.expectOne('/i18n/id.json').request.headers.has('Accept-Language'),
    ).toBe(false);
    http
      .get('/api/reports/x', { headers: { 'Accept-Language': 'en' } })
      .subscribe();
    expect(
      backend
        .expectOne('/api/reports/x')
        .request.headers.get('Accept-Language'),
    ).toBe('en');
  });
});
