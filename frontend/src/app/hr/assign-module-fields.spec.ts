import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { FormControl } from '@angular/forms';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { AssignModuleFields } from './assign-module-fields';
import { CatalogModule } from './rule-models';

const MODULES = [
  { slug: 'basics', title: 'Basics' },
  { slug: 'bystander', title: 'Bystander' },
] as CatalogModule[];

@Component({
  imports: [AssignModuleFields],
  template: `<aman-assign-module-fields
    idPrefix="t"
    [module]="module"
    [dueOn]="dueOn"
    [modules]="modules"
    [tried]="tried()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly module = new FormControl('', { nonNullable: true });
  readonly dueOn = new FormControl('', { nonNullable: true });
  readonly modules = MODULES;
  readonly tried = signal(false);
}

describe('AssignModuleFields', () => {
  let fixture: ComponentFixture<Host>;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host, translocoTesting()] });
    fixture = TestBed.createComponent(Host);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  it('offers the catalogue and binds both fields to the page’s controls', () => {
    const select = page.querySelector<HTMLSelectElement>('#t-module')!;
    expect(page.querySelector('label[for="t-module"]')?.textContent).toContain(
      'Module',
    );
    expect(Array.from(select.options).map((o) => o.value)).toEqual([
      '',
      'basics',
      'bystander',
    ]);
    select.value = 'bystander';
    select.dispatchEvent(new Event('change'));
    const due = page.querySelector<HTMLInputElement>('#t-dueOn')!;
    due.value = '2026-12-31';
    due.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.module.value).toBe('bystander');
    expect(fixture.componentInstance.dueOn.value).toBe('2026-12-31');
  });

  it('says what is missing only once the page has tried to send', async () => {
    expect(page.querySelector('.field-error')).toBeNull();
    fixture.componentInstance.tried.set(true);
    await settle(fixture);
    expect(page.querySelector('#t-module-error')?.textContent).toContain(
      'This field is required.',
    );
    expect(
      page.querySelector('#t-module')?.getAttribute('aria-describedby'),
    ).toBe('t-module-error');
    expect(page.querySelector('#t-module')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(
      page.querySelector('#t-dueOn')?.getAttribute('aria-describedby'),
    ).toBe('t-dueOn-error');
  });
});
