import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { translocoTesting } from '../../../testing/transloco-testing';
import { CollapsibleNav } from './collapsible-nav';

@Component({
  imports: [CollapsibleNav],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<aman-collapsible-nav label="HR sections"
    ><ul>
      <li><a href="/x">People</a></li>
    </ul></aman-collapsible-nav
  >`,
})
class Host {}

describe('CollapsibleNav', () => {
  async function render() {
    TestBed.configureTestingModule({
      imports: [Host, translocoTesting()],
      providers: [provideRouter([{ path: 'x', children: [] }])],
    });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    document.body.appendChild(element);
    const button =
      element.querySelector<HTMLButtonElement>('button.nav-toggle')!;
    const panel = element.querySelector<HTMLElement>('.nav-panel')!;
    return { fixture, element, button, panel };
  }

  it('is a named navigation whose menu button controls the list and says whether it is open', async () => {
    const { fixture, element, button, panel } = await render();
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe(
      'HR sections',
    );
    expect(button.getAttribute('aria-controls')).toBe(panel.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toContain('Menu');
    button.click();
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.classList).toContain('open');
  });

  it('closes on Escape and gives focus back to the button', async () => {
    const { fixture, button, panel } = await render();
    button.click();
    await fixture.whenStable();
    panel.querySelector('a')!.focus();
    panel
      .querySelector('a')!
      .dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('closes when a page is chosen', async () => {
    const { fixture, button } = await render();
    button.click();
    await fixture.whenStable();
    await TestBed.inject(Router).navigateByUrl('/x');
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});
