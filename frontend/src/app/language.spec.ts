import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { reflectComponentType, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Route, Routes } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import en from '../../public/i18n/en.json';
import id from '../../public/i18n/id.json';
import { settle } from '../testing/async';
import { appRoutes } from './app.routes';
import { Shell } from './core/layout/shell';

/**
 * The language test: with Indonesian chosen, no routed page shows a text of the English
 * catalogue that differs from its Indonesian entry. Each page is rendered as it first appears
 * (loading) and after every request it made failed (error states), and its text is searched.
 */

function flatten(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? flatten(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}

/**
 * Keys whose English text may appear on an Indonesian page. Only texts that are the same words in
 * both languages belong here (they usually are identical in both files and never reach the list).
 */
const ALLOWED = new Set<string>([]);

/** The longest fixed part of each English text that differs from Indonesian (placeholders removed). */
export function englishNeedles(): { key: string; needle: string }[] {
  const indonesian = new Map(flatten(id));
  return (
    flatten(en)
      .filter(
        ([key, text]) => indonesian.get(key) !== text && !ALLOWED.has(key),
      )
      .map(([key, text]) => ({
        key,
        needle: text
          .split(/\{\{[^}]*\}\}|\{[^}]*\}/)
          .map((part) => part.trim())
          .sort((a, b) => b.length - a.length)[0],
      }))
      // Long enough to be a phrase, not a word both languages share (“Email”, “Unit”).
      .filter(({ needle }) => needle.length >= 12 && needle.includes(' '))
  );
}

async function routedComponents(
  routes: Routes,
  prefix = '',
): Promise<{ path: string; component: Type<unknown> }[]> {
  const found: { path: string; component: Type<unknown> }[] = [];
  for (const route of routes as Route[]) {
    const path = [prefix, route.path].filter(Boolean).join('/');
    if (route.component) found.push({ path, component: route.component });
    if (route.loadComponent) {
      const loaded = (await route.loadComponent()) as
        | Type<unknown>
        | { default: Type<unknown> };
      found.push({
        path,
        component: 'default' in loaded ? loaded.default : loaded,
      });
    }
    if (route.children)
      found.push(...(await routedComponents(route.children, path)));
    if (route.loadChildren) {
      const loaded = (await route.loadChildren()) as
        | Routes
        | { default: Routes };
      const children = Array.isArray(loaded) ? loaded : loaded.default;
      found.push(...(await routedComponents(children, path)));
    }
  }
  return found;
}

async function indonesianText(component: Type<unknown>, params: Set<string>) {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    imports: [
      component,
      TranslocoTestingModule.forRoot({
        langs: { en, id },
        translocoConfig: { availableLangs: ['id', 'en'], defaultLang: 'id' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  const fixture = TestBed.createComponent(component);
  // Route parameters arrive as inputs (withComponentInputBinding).
  for (const input of reflectComponentType(component)?.inputs ?? []) {
    if (params.has(input.templateName))
      fixture.componentRef.setInput(input.templateName, 'x-1');
  }
  fixture.detectChanges();
  // Not whenStable(): it waits for the page's requests, which stay open until flushed below.
  await new Promise((resolve) => setTimeout(resolve, 0));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const loading = element.textContent ?? '';
  const backend = TestBed.inject(HttpTestingController);
  try {
    for (let round = 0; round < 3; round++) {
      for (const request of backend.match(() => true)) {
        if (!request.cancelled)
          request.flush(
            { statusCode: 500, message: '' },
            { status: 500, statusText: 'Server Error' },
          );
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
    }
    await settle(fixture);
  } catch {
    // A page that cannot show a failed request is another test's business (its own spec); the
    // language of what it showed until then is still checked.
  }
  const failed = element.textContent ?? '';
  fixture.destroy();
  return `${loading}\n${failed}`;
}

describe('one language at a time (Indonesian pages hold no English catalogue text)', () => {
  const needles = englishNeedles();

  // Indonesian chosen every way a page can ask: stored in this browser and the browser's language.
  beforeAll(() => {
    localStorage.setItem('aman.locale', 'id');
    Object.defineProperty(window.navigator, 'languages', {
      value: ['id-ID', 'id'],
      configurable: true,
    });
  });

  it('has English texts to look for', () => {
    expect(needles.length).toBeGreaterThan(200);
  });

  it('finds English left on a page (the check itself works)', () => {
    const sample = needles[0];
    const text = `Halaman ini ${sample.needle} masih berbahasa Inggris`;
    expect(needles.filter((n) => text.includes(n.needle))).toContainEqual(
      sample,
    );
  });

  it('shows no English catalogue text on any routed page, nor in the frame', async () => {
    const pages = [
      { path: '(shell)', component: Shell as Type<unknown> },
      ...(await routedComponents(appRoutes)),
    ];
    expect(pages.length).toBeGreaterThan(20);
    // Every route parameter of the app, plus those of the reader's URL matcher.
    const params = new Set([
      'slug',
      'lessonId',
      ...pages.flatMap(({ path }) =>
        [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
      ),
    ]);
    const leaks: string[] = [];
    for (const { path, component } of pages) {
      const text = await indonesianText(component, params);
      for (const { key, needle } of needles) {
        if (text.includes(needle)) leaks.push(`${path}: ${key} “${needle}”`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120000);
});
