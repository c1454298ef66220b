import { confirmFromMail, expect, test, type Page, signIn, signUp } from './fixtures';
import { expectAccessible } from './a11y';

// An admin appoints a new curator, who signs in and verifies an enterprise
// of their centre; then the admin finds the curator's account.

const ADMIN = ['admin@demo.socialenpazar.bg', 'demo-admin-2026'];
const CENTRE = process.env.E2E_ADMIN_CENTRE ?? 'plovdiv';

test('an admin appoints a curator, who verifies an enterprise of their centre', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const email = `kurator-${info.project.name}-${Date.now()}@example.bg`;
  const password = 'нов куратор 2026';
  await signUp(page, email, 'Радослава Илиева', password);
  await confirmFromMail(page, email);

  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: info.project.use.javaScriptEnabled });
  const admin = await context.newPage();
  await signIn(admin, ADMIN[0], ADMIN[1]);
  await admin.goto('/admin');
  await expectAccessible(admin);
  await admin.getByLabel('Имейл').fill(email);
  await admin.locator('#f-role').selectOption('curator');
  await admin.locator('#f-centre').selectOption(CENTRE);
  await admin.getByRole('button', { name: 'Дай ролята' }).click();
  await expect(admin.getByRole('status')).toContainText('Ролята е дадена');
  await expect(admin.locator('main')).toContainText(email);

  // The new curator starts on the desk of their centre.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/curator$/);
  await page.locator(`a[href="/curator/${CENTRE}"]`).click();
  const oldest = page.locator('ol.queue li a').first();
  const name = (await oldest.textContent())!.trim();
  await oldest.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await page.getByLabel('Номер на вписване').fill('2025/0202');
  await page.getByLabel('Клас').selectOption('A');
  await page.getByLabel('Дата на удостоверението').fill('2025-03-01');
  await page.getByLabel('Валидно до').fill(`${new Date().getFullYear() + 2}-03-01`);
  await page.getByRole('button', { name: 'Потвърди проверката' }).click();
  await expect(page.getByRole('status')).toContainText('Предприятието е проверено.');

  // The admin finds the curator's account, with the centre and a sign-in.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email.toUpperCase())}`);
  await expectAccessible(admin);
  const card = admin.locator('article.user', { hasText: email });
  await expect(card).toContainText('Куратор на');
  await expect(card).not.toContainText('още не е влизал');
  await context.close();
});

test('an admin disables an account with a reason and enables it again', async ({ page, browser }, info) => {
  const email = `spryan-${info.project.name}-${Date.now()}@example.bg`;
  const password = 'спрян профил 2026';
  await signUp(page, email, 'Тодор Спасов', password);
  await signIn(page, email, password);

  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: info.project.use.javaScriptEnabled });
  const admin = await context.newPage();
  await signIn(admin, ADMIN[0], ADMIN[1]);
  await admin.goto('/admin/users');
  await admin.getByRole('searchbox', { name: 'Търсене на профили' }).fill(email);
  await admin.locator('main').getByRole('button', { name: 'Търси' }).click();
  const card = admin.locator('article.user', { hasText: email });
  await card.getByText('Спри профила', { exact: true }).click();
  // No reason: refused next to the field.
  await card.getByLabel('Причина').fill('  ');
  await card.getByRole('button', { name: 'Спри профила и прекрати сесиите' }).click();
  await expect(admin.locator('article.user', { hasText: email }).locator('.field-error')).toContainText('Попълнете това поле');
  await admin.locator('article.user', { hasText: email }).getByLabel('Причина').fill('Подправени поръчки');
  await admin.locator('article.user', { hasText: email }).getByRole('button', { name: 'Спри профила и прекрати сесиите' }).click();
  await expect(admin.getByRole('status')).toContainText('Профилът е спрян');
  await expect(admin.locator('article.user', { hasText: email })).toContainText('Подправени поръчки');

  // The person's session ended.
  await page.goto('/account');
  await expect(page.locator('main')).toContainText('Влезте');

  await admin.locator('article.user', { hasText: email }).getByRole('button', { name: 'Възстанови профила' }).click();
  await expect(admin.getByRole('status')).toContainText('Профилът е възстановен');
  await signIn(page, email, password);
  await context.close();
});

test('an admin edits a trust page and a centre, and reads the platform figures', async ({ page }, info) => {
  const stamp = `${info.project.name}-${Date.now()}`;
  await signIn(page, ADMIN[0], ADMIN[1]);

  // The cookies page in a new version: the footer's link shows it.
  await page.goto('/admin/pages');
  await expectAccessible(page);
  const cookies = page.locator('section.panel', { has: page.locator('#h-cookies-bg') });
  await cookies.getByText('Промени текста').click();
  await cookies.getByLabel('Текст').fill(`Само необходими бисквитки (${stamp}).\n\n## Сесия\n\n- sid: сесията`);
  await cookies.getByRole('button', { name: 'Запази нова версия' }).click();
  await expect(page.getByRole('status')).toContainText('Новата версия е запазена');
  await page.goto('/');
  await page.locator('footer').getByRole('link', { name: 'Бисквитки' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бисквитки');
  await expect(page.locator('main')).toContainText(stamp);
  await expect(page.locator('main h2')).toHaveText('Сесия');
  await expectAccessible(page);

  // Varna's opening hours, on its page.
  await page.goto('/admin/centres');
  await expectAccessible(page);
  const varna = page.locator('section.panel', { hasText: 'Варна' }).first();
  await varna.getByText('Промени данните за контакт').click();
  await varna.getByLabel('Работно време', { exact: true }).fill(`пон.–пет. 9:00–17:00 (${stamp})`);
  await varna.getByRole('button', { name: 'Запази' }).click();
  await expect(page.getByRole('status')).toContainText('Данните на центъра са запазени');
  await page.goto('/centres/varna');
  await expect(page.locator('main')).toContainText(stamp);

  await page.goto('/admin/figures');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Цялата страна');
  await expectAccessible(page);
});

test('an admin adds, renames and retires a category, and its old address still leads on', async ({ page }, info) => {
  const stamp = `${info.project.name}-${Date.now()}`;
  await signIn(page, ADMIN[0], ADMIN[1]);
  await page.goto('/admin/categories');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('категории');
  await expectAccessible(page);

  // A taken address is refused next to the field, the names kept.
  const add = page.locator('section.panel', { has: page.locator('#h-new-category') });
  await add.locator('summary').click();
  await add.getByRole('textbox', { name: 'Име', exact: true }).fill(`Играчки ${stamp}`);
  await add.getByLabel('Име на английски').fill(`Toys ${stamp}`);
  await add.getByLabel('Адрес').fill('keramika');
  await add.getByLabel('Под категория').selectOption({ label: 'Занаяти' });
  await add.getByRole('button', { name: 'Добави категорията' }).click();
  await expect(page.locator('#err-new-slug')).toHaveText('Този адрес вече е на друга категория.');
  await expect(page.locator('#f-new-name_bg')).toHaveValue(`Играчки ${stamp}`);
  await page.locator('#f-new-slug').fill(`igrachki-${stamp}`);
  await page.getByRole('button', { name: 'Добави категорията' }).click();
  await expect(page.getByRole('status')).toContainText('Категорията е добавена.');

  // Renamed to a new address: the old one leads to it.
  const row = page.getByRole('article', { name: `Играчки ${stamp}`, exact: true });
  await row.getByText('Промени, премести или закрий').click();
  await row.getByRole('textbox', { name: 'Име', exact: true }).fill(`Детски играчки ${stamp}`);
  await row.getByLabel('Адрес').fill(`detski-igrachki-${stamp}`);
  await row.getByRole('button', { name: 'Запази имената' }).click();
  await expect(page.getByRole('status')).toContainText('Категорията е преименувана');
  const renamed = page.getByRole('article', { name: `Детски играчки ${stamp}`, exact: true });
  await expect(renamed).toContainText(`igrachki-${stamp}`);
  await expectAccessible(page);
  await page.goto(`/search?category=igrachki-${stamp}`);
  await expect(page).toHaveURL(new RegExp(`category=detski-igrachki-${stamp}`));

  // Retired into Souvenirs: its address leads there.
  await page.goto('/admin/categories');
  const again = page.getByRole('article', { name: `Детски играчки ${stamp}`, exact: true });
  await again.getByText('Промени, премести или закрий').click();
  await again.getByLabel('Продуктите ѝ отиват в').selectOption({ label: 'Занаяти › Сувенири и подаръци' });
  await again.getByRole('button', { name: 'Закрий категорията' }).click();
  await expect(page.getByRole('status')).toContainText('Категорията е закрита');
  await expect(page.getByRole('article', { name: `Детски играчки ${stamp}`, exact: true })).toHaveCount(0);
  await page.goto(`/search?category=igrachki-${stamp}`);
  await expect(page).toHaveURL(/category=suveniri/);
});
