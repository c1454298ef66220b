import { expect, test as base, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every test runs under the site's Content-Security-Policy and fails on any
 * violation the browser reports (a blocked script, style or frame), with
 * JavaScript and without.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const seen: string[] = [];
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy/i.test(text)) seen.push(`${page.url()}: ${text}`);
      });
      await use(seen);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, Page } from '@playwright/test';

/** The mail folder of the server under test (no relay is configured). */
const MAIL_DIR = path.join(process.env.E2E_DATA_DIR ?? '../target/e2e-data', 'mail');

/** The link holding `part` in the latest mail to `to`, waiting for it. */
export async function linkInMail(to: string, part: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(MAIL_DIR)
      ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort().reverse()
      : [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8');
      if (!text.split(/\r?\n/).some((l) => l.startsWith('To: ') && l.toLowerCase().includes(to.toLowerCase()))) continue;
      const link = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('http') && l.includes(part));
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with a link holding ${part}`);
}

/** Opens the confirmation link mailed to `email` and confirms, as a person would. */
export async function confirmFromMail(page: Page, email: string) {
  const link = new URL(await linkInMail(email, '/confirm?token='));
  await page.goto(link.pathname + link.search);
  await page.getByRole('button', { name: 'Потвърждавам' }).click();
  // Confirmed, the page moves on (to sign-in or the account).
  await expect(page).toHaveURL(/confirmed/);
}

/** Signs in from the sign-in page and waits to be let in. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** Signs up (accepting the terms) and waits for the sign-in page that follows. */
export async function signUp(page: Page, email: string, name: string, password: string) {
  await page.goto('/signup');
  await page.locator('#f-display_name').fill(name);
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByLabel('Приемам общите условия', { exact: false }).check();
  await page.getByRole('button', { name: 'Създай профил' }).click();
  await expect(page).toHaveURL(/\/signin\?registered=1/);
}

/** Signs out from the account menu (behind „Меню“ on a phone). */
export async function signOut(page: Page) {
  const menu = page.getByText('Меню', { exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.locator('.account-menu summary').click();
  await page.getByRole('button', { name: 'Изход' }).click();
}
