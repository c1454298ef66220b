import * as fs from 'node:fs';
import { confirmFromMail, expect, linkInMail, test, signUp } from './fixtures';
import { expectAccessible } from './a11y';

// A person who forgot their password sets a new one from the mailed link,
// with JavaScript and without, on a desktop and a phone.

test('a forgotten password is set again from the mail', async ({ page }, info) => {
  const email = `zabravih-${info.project.name}-${Date.now()}@example.bg`;
  const old = 'старата парола 2026';
  await signUp(page, email, 'Веселина Колева', old);
  await confirmFromMail(page, email);

  await page.goto('/signin');
  await page.getByRole('link', { name: 'Забравена парола?' }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await expectAccessible(page);
  await page.getByLabel('Имейл').fill(email);
  await page.getByRole('button', { name: 'Изпрати връзка' }).click();
  await expect(page.getByRole('status')).toContainText('Ако този адрес има профил');

  const link = new URL(await linkInMail(email, '/reset?token='));
  await page.goto(link.pathname + link.search);
  await expectAccessible(page);
  // Too short: refused next to the field, and the link still works.
  await page.getByLabel('Нова парола').fill('кратка');
  await page.getByRole('button', { name: 'Запази новата парола' }).click();
  await expect(page.locator('#err-new_password')).toContainText('10 знака');
  await page.getByLabel('Нова парола').fill('новата ми парола 2026');
  await page.getByRole('button', { name: 'Запази новата парола' }).click();
  await expect(page).toHaveURL(/\/signin\?reset=1/);
  await expect(page.getByRole('status')).toContainText('Новата парола е запазена');

  // The old password no longer opens the account; the new one does.
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(old);
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page.getByRole('alert')).toContainText('Грешен имейл или парола');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill('новата ми парола 2026');
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page).not.toHaveURL(/\/signin/);

  // The link is spent.
  await page.goto(link.pathname + link.search);
  await page.getByLabel('Нова парола').fill('трета парола 2026');
  await page.getByRole('button', { name: 'Запази новата парола' }).click();
  await expect(page.getByRole('alert')).toContainText('Връзката');
});

test('a person takes a new address, downloads their data and deletes the account', async ({ page }, info) => {
  const email = `iztrivam-${info.project.name}-${Date.now()}@example.bg`;
  const password = 'изтривам се 2026';
  await signUp(page, email, 'Калина Стоянова', password);
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page).not.toHaveURL(/\/signin/);

  // A new address, taken once its mailed link is followed.
  const newer = `nov-${email}`;
  await page.goto('/account');
  await page.getByLabel('Нов имейл').fill(newer);
  await page.locator('#f-address-password').fill(password);
  await page.getByRole('button', { name: 'Изпрати връзка на новия адрес' }).click();
  await expect(page.getByRole('status')).toContainText('Изпратихме връзка на новия адрес');
  const link = new URL(await linkInMail(newer, '/new-address?token='));
  await page.goto(link.pathname + link.search);
  await page.getByRole('button', { name: 'Използвай този адрес' }).click();
  await expect(page.getByRole('status')).toContainText('Профилът ви вече използва новия имейл');

  await page.goto('/account');
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Изтегли данните си (JSON)' }).click(),
  ]);
  const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(data.account.email).toBe(newer);
  expect(data.account.name).toBe('Калина Стоянова');

  await page.goto('/account');
  await page.locator('#f-delete-password').fill('не е паролата');
  await page.getByRole('button', { name: 'Изтрий профила завинаги' }).click();
  await expect(page.locator('#err-delete-password')).toContainText('не е вярна');
  await page.locator('#f-delete-password').fill(password);
  await page.getByRole('button', { name: 'Изтрий профила завинаги' }).click();
  await expect(page).toHaveURL(/\/signin\?deleted=1/);
  await expect(page.getByRole('status')).toContainText('Профилът ви е изтрит');
  await page.getByLabel('Имейл').fill(newer);
  await page.getByLabel('Парола').fill(password);
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page.getByRole('alert')).toContainText('Грешен имейл или парола');
});
