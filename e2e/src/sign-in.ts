import type { Page } from 'puppeteer';

/** The password of every demo account the product seeds. */
export const DEMO_PASSWORD = 'demo-pass-2026';

/**
 * Signs in through the login form, as a person does. Returns once the form is sent: the caller
 * waits for the page it expects next (it differs by role), or for the error it expects.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`, { waitUntil: 'load' });
  await page.waitForSelector('#login-email');
  await page.type('#login-email', email);
  await page.type('#login-password', password);
  await page.click('button[type="submit"]');
}
