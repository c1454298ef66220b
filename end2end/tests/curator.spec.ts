import { expect, test, type Browser, type Page, signIn } from './fixtures';
import { expectAccessible } from './a11y';

// The curator of Varna verifies the oldest waiting enterprise (and its badge
// appears in search), builds a network of two enterprises whose owners
// accept (its catalogue shows both), and publishes an event with a
// printable QR page. Both runs (with and without JavaScript) walk it on one
// database, so each run takes the next waiting enterprise and its own names.

const CURATOR = 'kurator.varna@demo.socialenpazar.bg';
const OWNERS: [string, string, string][] = [
  ['predpriyatie@demo.socialenpazar.bg', 'sinya-nishka-varna', 'Синя нишка'],
  ['predpriyatie2@demo.socialenpazar.bg', 'chista-stapka-varna', 'Чиста стъпка'],
];

/** A second person in their own browser, with or without JavaScript like this run. */
async function otherPage(browser: Browser): Promise<Page> {
  const use = test.info().project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, javaScriptEnabled: use.javaScriptEnabled });
  return context.newPage();
}

async function fillVerification(page: Page, validUntil: string) {
  await page.getByLabel('Номер на вписване').fill('2025/0101');
  await page.getByLabel('Клас').selectOption('A+');
  await page.getByLabel('Дата на удостоверението').fill('2025-02-01');
  await page.getByLabel('Валидно до').fill(validUntil);
  await page.getByRole('button', { name: 'Потвърди проверката' }).click();
}

async function fillEvent(page: Page, title: string, ends: string) {
  await page.locator('#f-event-title').fill(title);
  await page.locator('#f-event-kind').selectOption('bazaar');
  await page.locator('#f-event-starts_at').fill('2031-04-20T10:00');
  await page.locator('#f-event-ends_at').fill(ends);
  await page.locator('#f-event-place').fill('Варна, Морска градина');
  await page.locator('#f-event-description').fill('Пролетен базар на социалните предприятия.');
  await page.getByRole('button', { name: 'Публикувай събитието' }).click();
}

test('a curator verifies an enterprise, builds a network of two and publishes an event', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const run = test.info().project.name;
  await signIn(page, CURATOR, 'demo-kurator-2026');
  // A curator starts on the desk.
  await expect(page).toHaveURL(/\/curator$/);
  await expectAccessible(page);
  await page.locator('a[href="/curator/varna"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Варна');
  await expectAccessible(page);

  // Verify the oldest waiting enterprise; an expiry in the past is refused.
  const oldest = page.locator('ol.queue li a').first();
  const name = (await oldest.textContent())!.trim();
  await oldest.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expectAccessible(page);
  await fillVerification(page, '2020-01-01');
  await expect(page.locator('#err-valid_until')).toHaveText('Датата вече е минала.');
  await fillVerification(page, `${new Date().getFullYear() + 2}-01-31`);
  await expect(page.getByRole('status')).toContainText('Предприятието е проверено.');
  await expect(page.locator('.badge.status-verified')).toHaveText('Проверено от регионален център');

  // The badge appears on its products in search within seconds.
  await expect(async () => {
    await page.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(
      page.locator('.product-card', { hasText: name }).first().locator('.badge-verified'),
    ).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });

  // A network, and two enterprises invited into it.
  await page.goto('/curator/varna');
  const network = `Морски занаяти ${run}`;
  await page.locator('summary', { hasText: 'Нова мрежа' }).click();
  await page.locator('#f-network-name').fill(network);
  await page.locator('#f-network-kind').selectOption('production');
  await page.locator('#f-network-description').fill('Шием, тъчем и продаваме заедно.');
  await page.getByRole('button', { name: 'Създай мрежата' }).click();
  await expect(page.getByRole('status')).toContainText('Мрежата е създадена.');
  await expectAccessible(page);
  for (const [, slug, enterprise] of OWNERS) {
    const card = page.locator('article.network-admin', { hasText: network });
    await card.getByLabel('Покани предприятие (адрес или ЕИК)').fill(slug);
    await card.getByRole('button', { name: 'Покани', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Поканата е изпратена.');
    await expect(page.locator('article.network-admin', { hasText: network })).toContainText(`${enterprise} — поканено`);
  }
  const networkHref = await page.locator('article.network-admin', { hasText: network }).locator('h3 a').getAttribute('href');

  // Each owner accepts in their workspace.
  for (const [email, slug] of OWNERS) {
    const owner = await otherPage(browser);
    await signIn(owner, email, 'demo-member-2026');
    await owner.goto(`/dashboard/e/${slug}?section=networks`);
    await owner.locator('#networks li', { hasText: network }).getByRole('button', { name: 'Приеми' }).click();
    await expect(owner.locator('#networks li', { hasText: network })).toContainText('член');
    await owner.context().close();
  }

  // The network page shows both members, and its catalogue both enterprises' products.
  await page.goto(networkHref!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(network);
  for (const [, , enterprise] of OWNERS) {
    await expect(page.locator('#h-members + .card-grid')).toContainText(enterprise);
  }
  await expectAccessible(page);
  await expect(async () => {
    await page.goto(`/search?network=${networkHref!.split('/').pop()}&per_page=100`);
    for (const [, , enterprise] of OWNERS) {
      await expect(page.locator('.product-card', { hasText: enterprise }).first()).toBeVisible({ timeout: 500 });
    }
  }).toPass({ timeout: 20_000 });

  // An event: an end before the start is refused next to the field.
  await page.goto('/curator/varna');
  const title = `Пролетен базар ${run}`;
  await page.locator('summary', { hasText: 'Ново събитие' }).click();
  await fillEvent(page, title, '2031-04-20T09:00');
  await expect(page.locator('#err-event-ends_at')).toHaveText('Краят трябва да е след началото.');
  await fillEvent(page, title, '2031-04-20T18:00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status')).toContainText('Събитието е публикувано.');
  await expect(page.locator('.facts')).toContainText('20 април 2031 г., 10:00');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Страница за печат с QR код' }).click();
  await expect(page.locator('.qr svg')).toBeVisible();
  await expect(page.locator('.print-page')).toContainText('/events/proleten-bazar');

  // The curator moves the event, then calls it off (a second step asks first).
  await page.goto('/curator/varna');
  const panel = () => page.locator('#events article', { hasText: title });
  await panel().locator('summary', { hasText: 'Промени събитието' }).click();
  await panel().getByLabel('Място').fill('Варна, Морска гара');
  await panel().getByRole('button', { name: 'Запази промените' }).click();
  await expect(page.getByRole('status')).toContainText('Събитието е променено');
  await expect(panel()).toContainText('Варна, Морска гара');
  await expectAccessible(page);
  await panel().getByRole('link', { name: 'Отмени събитието' }).click();
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('Да отменим ли събитието?');
  await ask.getByRole('button', { name: 'Отмени събитието' }).click();
  await expect(page.getByRole('status')).toContainText('Събитието е отменено');
  await expect(page.locator('#events')).not.toContainText(title);

  // The region's figures: charts drawn on the server, and a CSV of them.
  await page.goto('/curator/varna/figures');
  await expect(page.locator('figure.chart svg')).toHaveCount(5);
  await expectAccessible(page);
  const csv = await page.request.get('/curator/varna/figures.csv');
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n')[0]).toContain('месец');

  // And the audit log has every step, with who did it.
  await page.goto('/curator/varna/audit');
  await expect(page.locator('table.audit')).toContainText('провери предприятие');
  await expect(page.locator('table.audit')).toContainText('публикува събитие');
  await expect(page.locator('table.audit')).toContainText('Петя Иванова');
  await expectAccessible(page);
});

test('a curator features a product of the region on the centre page and the home page', async ({ page }) => {
  await signIn(page, CURATOR, 'demo-kurator-2026');
  await page.goto('/curator/varna');
  await page.getByRole('link', { name: 'Представени продукти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Представени продукти');
  await expectAccessible(page);

  // A product of another region is refused next to the field; the dates stay.
  await page.getByRole('textbox', { name: 'Продукт', exact: true }).fill('/p/no-such-product');
  await page.getByRole('button', { name: 'Избери продукта' }).click();
  await expect(page.locator('#err-product')).toHaveText('Продуктът не е публикуван от предприятие от вашия регион.');
  await expect(page.getByRole('textbox', { name: 'Продукт', exact: true })).toHaveValue('/p/no-such-product');

  // Found in the region's list, chosen for two weeks, also for the home page.
  await page.getByRole('searchbox', { name: 'Намери продукт от региона' }).fill('');
  await page.locator('main').getByRole('button', { name: 'Търси' }).click();
  const candidate = page.locator('ul.featured-candidates li').first();
  const title = (await candidate.locator('a').first().textContent())!.trim();
  await candidate.getByRole('link', { name: 'Избери', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Продукт', exact: true })).not.toHaveValue('');
  await page.getByLabel('Покажи го и на началната страница').check();
  await page.getByRole('button', { name: 'Избери продукта' }).click();
  await expect(page.getByRole('status')).toContainText('Продуктът е избран.');
  const choice = page.locator('ul.featured-choices li', { hasText: title });
  await expect(choice).toContainText('Показва се');
  await expect(choice).toContainText('и на началната страница');
  await expectAccessible(page);

  await page.goto('/centres/varna');
  await expect(page.locator('section', { has: page.locator('#h-featured') })).toContainText(title);
  await page.goto('/');
  await expect(page.locator('section', { has: page.locator('#h-featured') })).toContainText(title);

  // Stopped: gone from the centre's page (the next run chooses it again).
  await page.goto('/curator/varna/featured');
  await page.locator('ul.featured-choices li', { hasText: title }).getByRole('button', { name: 'Спри', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('вече не се представя');
  await page.goto('/centres/varna');
  await expect(page.locator('main')).not.toContainText(title);
});
