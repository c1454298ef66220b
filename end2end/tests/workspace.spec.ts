import { confirmFromMail, expect, test, type Page, signOut } from './fixtures';
import { expectAccessible } from './a11y';

// The enterprise's path from nothing to a catalogue, in both runs (with
// JavaScript the forms send in place; without it they post and redirect).

/** A valid 9-digit ЕИК (mod-11 check digit) from an 8-digit prefix. */
function eik(prefix: number): string {
  const d = String(prefix).padStart(8, '0').split('').map(Number);
  const sum = (w: number[]) => d.reduce((s, x, i) => s + x * w[i], 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8]);
  if (c === 10) { c = sum([3, 4, 5, 6, 7, 8, 9, 10]); if (c === 10) c = 0; }
  return d.join('') + c;
}

// A 2×2 PNG, made by hand so the test needs no files.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

async function signUpAndIn(page: Page, email: string, password: string) {
  await page.goto('/signup');
  await page.locator('#f-display_name').fill('Мария Петрова');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByLabel('Приемам общите условия', { exact: false }).check();
  await page.getByRole('button', { name: 'Създай профил' }).click();
  await expect(page).toHaveURL(/\/signin\?registered=1/);
  await expect(page.getByRole('status')).toContainText('Изпратихме ви имейл');
  // The address is confirmed from the mail (the server writes it to its
  // mail folder), before it may register an enterprise.
  await confirmFromMail(page, email);
  await expect(page).toHaveURL(/\/signin\?confirmed=1/);
  await expect(page.getByRole('status')).toContainText('Имейлът ви е потвърден');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByRole('button', { name: 'Вход' }).click();
  // Someone with no enterprise yet starts where they were (the home page).
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto('/dashboard');
}

test('an enterprise signs up, registers, lists a product with an image, finds it, and round-trips a CSV', async ({ page }) => {
  test.setTimeout(120_000);
  const run = test.info().project.name;
  const stamp = `${run}-${Date.now()}`;
  const email = `maria-${stamp}@example.bg`;
  await signUpAndIn(page, email, 'дълга парола 2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Табло');
  await expectAccessible(page);

  // Register: a wrong check digit first, refused next to the field.
  await page.getByRole('link', { name: 'Регистрирай предприятие' }).click();
  const prefix = 30_000_000 + (Date.now() % 9_000_000) + (['js', 'nojs', 'phone-js', 'phone-nojs'].indexOf(run));
  const good = eik(prefix);
  const bad = good.slice(0, 8) + String((Number(good[8]) + 1) % 10);
  const name = `Шевна работилница ${stamp}`;
  await page.locator('#f-name').fill(name);
  await page.getByLabel('ЕИК').fill(bad);
  await page.getByLabel('Правна форма').selectOption('ЕООД');
  await page.getByLabel('Област').selectOption('varna');
  await page.getByLabel('Населено място').fill('Варна');
  await page.getByLabel('Имейл за контакт').fill('office@example.bg');
  await page.getByLabel('Хора с увреждания').check();
  await page.getByRole('button', { name: 'Регистрирай' }).click();
  await expect(page.locator('#err-eik')).toHaveText(/Контролната цифра на ЕИК не съвпада/);
  await expectAccessible(page);
  // Nothing typed is lost, with JavaScript or without.
  await expect(page.locator('#f-name')).toHaveValue(name);
  await expect(page.getByLabel('Населено място')).toHaveValue('Варна');
  await expect(page.getByLabel('Област')).toHaveValue('varna');
  if (!(await page.getByLabel('Хора с увреждания').isChecked())) await page.getByLabel('Хора с увреждания').check();
  await page.getByLabel('ЕИК').fill(good);
  await page.getByRole('button', { name: 'Регистрирай' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('Непроверено — чака проверка')).toBeVisible();
  await expectAccessible(page);

  // A product, published, then an image.
  await page.getByRole('link', { name: 'Нов продукт' }).first().click();
  const title = `Плетени терлици ${stamp}`;
  await page.getByLabel('Заглавие').fill(title);
  await page.getByLabel('Описание', { exact: true }).fill('От овча вълна, ръчно плетени.');
  await page.getByLabel('Категория').selectOption('pletiva');
  await page.getByLabel('Цена в евро').fill('-5');
  await page.getByLabel('Количество на склад').fill('4');
  await page.getByRole('button', { name: 'Запази и публикувай' }).click();
  await expect(page.locator('#err-price')).toHaveText('Не може да е отрицателно.');
  await expect(page.getByLabel('Заглавие')).toHaveValue(title);
  await expect(page.getByLabel('Количество на склад')).toHaveValue('4');
  await page.getByLabel('Цена в евро').fill('18,90');
  await page.getByRole('button', { name: 'Запази и публикувай' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Състояние: Публикуван')).toBeVisible();
  await page.getByLabel(/Добави снимка/).setInputFiles({ name: 'terlitsi.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Качи' }).click();
  await expect(page.getByRole('heading', { name: /Снимки \(1\/8\)/ })).toBeVisible();
  await expectAccessible(page);

  // In search within seconds, typed in Latin letters.
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent(`pleteni terlitsi ${stamp}`)}`);
    await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // CSV: one bad line refuses the whole file; fixed, it imports; export works.
  await page.goto('/dashboard');
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Импорт и експорт (CSV)' }).click();
  const header = 'slug;title;description;category;price;unit;availability;stock;min_order;tags;status';
  const badCsv = `${header}\n;Сапун с лавандула ${stamp};;sapuni;4,20;piece;in_stock;10;1;сапун|лавандула;published\n;Сапун с мед ${stamp};;sapuni;много;piece;in_stock;10;1;;published\n`;
  await page.getByLabel('CSV файл').setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv) });
  await page.getByRole('button', { name: 'Импортирай' }).click();
  await expect(page.getByRole('alert')).toContainText('Ред 3, price');
  await expect(page.getByRole('link', { name: `Сапун с лавандула ${stamp}` })).toHaveCount(0);
  await page.getByLabel('CSV файл').setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv.replace(';много;', ';3,80;')) });
  await page.getByRole('button', { name: 'Импортирай' }).click();
  await expect(page.getByRole('status')).toContainText('нови 2, обновени 0');
  await page.getByRole('link', { name: /Продукти и услуги/ }).click();
  await expect(page.getByRole('link', { name: `Сапун с лавандула ${stamp}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Сапун с мед ${stamp}` })).toBeVisible();
  const download = await page.request.get(page.url().split('?')[0] + '/catalogue.csv');
  expect(download.status()).toBe(200);
  const csv = await download.text();
  expect(csv).toContain(`Сапун с мед ${stamp}`);
  expect(csv).toContain(title);
});

test('pages that need an account ask to sign in and come back after', async ({ page }) => {
  const response = await page.goto('/dashboard');
  expect(response?.status()).toBe(401);
  await page.getByRole('link', { name: 'Вход' }).last().click();
  await expect(page).toHaveURL(/\/signin\?next=%2Fdashboard|\/signin\?next=\/dashboard/);
  await page.getByLabel('Имейл').fill('predpriyatie@demo.socialenpazar.bg');
  await page.getByLabel('Парола').fill('грешна парола');
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page.getByRole('alert')).toContainText('Грешен имейл или парола');
  await page.getByLabel('Имейл').fill('predpriyatie@demo.socialenpazar.bg');
  await page.getByLabel('Парола').fill('demo-member-2026');
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('link', { name: 'Синя нишка' })).toBeVisible();
  await signOut(page);
  await expect(page.locator('.site-nav a[href^="/signin"]')).toBeAttached(); // behind „Меню“ on a phone
});
