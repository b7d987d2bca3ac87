import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoTesting } from '../../testing/transloco-testing';
import { PrivacyPage } from './privacy-page';

describe('PrivacyPage', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PrivacyPage, translocoTesting()],
    }).compileComponents();
  });

  it.each([
    ['en', 'Privacy notice', 'fewer than 5 people'],
    ['id', 'Pemberitahuan privasi', 'kurang dari 5 orang'],
  ])('reads fully in %s', async (lang, heading, phrase) => {
    TestBed.inject(TranslocoService).setActiveLang(lang);
    const fixture = TestBed.createComponent(PrivacyPage);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';

    expect(fixture.nativeElement.querySelector('h1')?.textContent).toBe(
      heading,
    );
    expect(text).toContain('27');
    expect(text).toContain('UU PDP');
    expect(text).toContain(phrase);
    expect(text).not.toMatch(/privacy\.\w/);
    expect(fixture.nativeElement.querySelectorAll('h2').length).toBe(8);
  });
});
