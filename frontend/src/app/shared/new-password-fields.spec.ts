import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { NewPasswordFields, newPasswordGroup } from './new-password-fields';

@Component({
  imports: [NewPasswordFields],
  template: `<aman-new-password-fields
    [group]="group"
    [submitted]="submitted()"
    idPrefix="t"
    [describedByAlso]="formError()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly group = newPasswordGroup();
  readonly submitted = signal(false);
  readonly formError = signal<string | null>(null);
}

describe('NewPasswordFields', () => {
  let fixture: ComponentFixture<Host>;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host, translocoTesting()] });
    fixture = TestBed.createComponent(Host);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  function type(id: string, value: string) {
    const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('binds both fields to the group and labels them', () => {
    type('t-password', 'long-enough-pass');
    type('t-confirm', 'long-enough-pass');
    expect(fixture.componentInstance.group.valid).toBe(true);
    expect(
      page.querySelector('label[for="t-password"]')?.textContent,
    ).toContain('New password');
    expect(
      page.querySelector('#t-password')?.getAttribute('aria-describedby'),
    ).toBe('t-password-hint');
  });

  it('shows length and repetition errors only after a submit, and points the fields at them', async () => {
    type('t-password', 'short');
    type('t-confirm', 'other');
    await settle(fixture);
    expect(page.querySelector('.field-error')).toBeNull();
    fixture.componentInstance.submitted.set(true);
    fixture.componentInstance.formError.set('form-error');
    await settle(fixture);
    expect(page.querySelector('#t-password-error')?.textContent).toContain(
      'at least 10',
    );
    expect(page.querySelector('#t-confirm-error')?.textContent).toContain(
      'do not match',
    );
    expect(
      page.querySelector('#t-password')?.getAttribute('aria-invalid'),
    ).toBe('true');
    expect(
      page.querySelector('#t-password')?.getAttribute('aria-describedby'),
    ).toBe('t-password-hint t-password-error form-error');
    expect(
      page.querySelector('#t-confirm')?.getAttribute('aria-describedby'),
    ).toBe('t-confirm-error form-error');
  });
});
