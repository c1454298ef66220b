import { expect, test, type Page } from './fixtures';
import { expectAccessible } from './a11y';

// The worker indexes the demo data right after start; wait until it has.
test.beforeAll(async ({ request }) => {
  for (let i = 0; i < 120; i++) {
    const health = await (await request.get('/healthz')).json();
    if (health.search?.ok && health.search?.pending_updates === 0 && health.search?.documents > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the search index did not catch up');
});

const hits = (page: Page) => page.locator('.hit-list > li');
const firstTitle = (page: Page) => hits(page).first().getByRole('heading');

test('a Latin query finds Cyrillic products, with the match highlighted', async ({ page }) => {
  await page.goto('/search?q=sapun');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Резултати за „sapun“');
  await expect(firstTitle(page)).toContainText(/сапун/i);
  await expect(hits(page).first().locator('mark')).toHaveText(/сапун/i);
  await expectAccessible(page);
});

test('a typo still finds the product', async ({ page }) => {
  await page.goto('/search?q=' + encodeURIComponent('сапунн'));
  await expect(firstTitle(page)).toContainText(/сапун/i);
  await page.goto('/search?q=' + encodeURIComponent('тиквник'));
  await expect(page.locator('.hit-list')).toContainText(/тиквеник/i);
});

test('facets narrow, sorts order, pages page, and Back returns', async ({ page }) => {
  await page.goto('/search?q=' + encodeURIComponent('мед'));
  const count = page.getByRole('status');
  const before = await count.textContent();

  // A facet: the Varna centre.
  await page.getByRole('region', { name: 'Регионален център' }).getByRole('link', { name: 'Варна' }).click();
  await expect(page).toHaveURL(/centre=varna/);
  await expect(count).not.toHaveText(before ?? '');
  await expect(page.getByRole('region', { name: 'Регионален център' }).getByRole('link', { name: 'Варна' })).toHaveAttribute('aria-current', 'true');
  await expectAccessible(page);

  // A sort: cheapest first (everything in Varna: with words, whole-word
  // matches come before prefix matches, each tier in price order, which
  // the search contract checks).
  await page.goto('/search?centre=varna');
  await page.getByRole('navigation', { name: 'Подреждане' }).getByRole('link', { name: 'Цена: възходяща' }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  const prices = await page.locator('.hit-list .price strong').allTextContents();
  const cents = prices.map((p) => Number(p.replace(/[^\d,]/g, '').replace(',', '.')));
  expect(cents.length).toBeGreaterThan(1);
  for (let i = 1; i < cents.length; i++) expect(cents[i]).toBeGreaterThanOrEqual(cents[i - 1]);

  // The next page of everything, then Back.
  await page.goto('/search');
  const firstOnPageOne = await firstTitle(page).textContent();
  await page.getByRole('navigation', { name: 'Страници' }).getByRole('link', { name: 'Следваща' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(firstTitle(page)).not.toHaveText(firstOnPageOne ?? '');
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await expect(firstTitle(page)).toHaveText(firstOnPageOne ?? '');
});

test('an enterprise is found by its name, above the products, in either script', async ({ page }, info) => {
  await page.goto('/search?q=' + encodeURIComponent('синя нишка'));
  const found = page.getByRole('region', { name: 'Предприятия с това име' });
  await expect(found.getByRole('link', { name: 'Синя нишка' })).toBeVisible();
  await expectAccessible(page);
  // Typed in Latin letters, as the buyer types (with JavaScript the
  // results follow the typing; without, the form is sent).
  const box = page.getByRole('searchbox', { name: 'Търсене на продукти и услуги' }).last();
  await box.fill('sinya nishka');
  if (info.project.name === 'nojs') await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Резултати за „sinya nishka“');
  await found.getByRole('link', { name: 'Синя нишка' }).click();
  await expect(page).toHaveURL(/\/e\/sinya-nishka-varna$/);
});

test('English pages show English titles, and English words find them', async ({ page }) => {
  await page.goto('/en/search?q=linen+dresses');
  await expect(firstTitle(page)).toHaveText('Linen dress “Morska”');
  await hits(page).first().getByRole('link', { name: 'Linen dress “Morska”' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Linen dress “Morska”');
  await expect(page.getByText(/A summer dress of pure linen/)).toBeVisible();
});

test('an empty result says what to change', async ({ page }) => {
  await page.goto('/search?q=xyzzyqwerty');
  await expect(page.getByText('Няма намерени продукти.')).toBeVisible();
  await expect(page.getByText(/Опитайте с по-малко/)).toBeVisible();
  await expectAccessible(page);
});

test('results follow typing, and the address follows the query', async ({ page }, info) => {
  test.skip(info.project.name === 'nojs', 'instant search needs JavaScript');
  await page.goto('/search');
  const box = page.getByRole('searchbox', { name: 'Търсене на продукти и услуги' }).last();
  await box.fill('вълн');
  await expect(page).toHaveURL(/q=%D0%B2%D1%8A%D0%BB%D0%BD/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Резултати за „вълн“');
  await expect(firstTitle(page)).toContainText(/вълн/i);
  // Reload shows the same results.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Резултати за „вълн“');
});

test('what is typed before the page has hydrated is searched for once it has', async ({ page }, info) => {
  test.skip(info.project.name === 'nojs', 'instant search needs JavaScript');
  // Hold the wasm back until the buyer has typed, so no input event can reach the island.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let heldBack = 0;
  await page.route('**/pkg/*.wasm', async (route) => {
    heldBack++;
    await held;
    await route.continue();
  });
  await page.goto('/search', { waitUntil: 'domcontentloaded' });
  const box = page.getByRole('searchbox', { name: 'Търсене на продукти и услуги' }).last();
  await box.fill('сапун');
  // The wasm was asked for and is held: the island cannot have seen the typing.
  await expect.poll(() => heldBack).toBe(1);
  release();
  await expect(page).toHaveURL(/q=%D1%81%D0%B0%D0%BF%D1%83%D0%BD/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Резултати за „сапун“');
  await expect(box).toHaveValue('сапун');
});

test('a product page from the results, with structured data', async ({ page }) => {
  await page.goto('/en/search?q=honey');
  await hits(page).first().getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/en\/p\//);
  await expect(page.getByText(/equivalent in leva/)).toBeVisible();
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  expect(ld['@type']).toBe('Product');
  expect(ld.offers.priceCurrency).toBe('EUR');
  await expectAccessible(page);

  await page.locator('dd a[href*="/e/"]').first().click();
  await expect(page).toHaveURL(/\/en\/e\//);
  const org = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  expect(org['@type']).toBe('Organization');
  expect(org.identifier.value).toMatch(/^\d{9}$/);
  await expectAccessible(page);
});

test('a missing product is a 404', async ({ page }) => {
  const response = await page.goto('/p/no-such-product');
  expect(response?.status()).toBe(404);
});

test('network and events pages', async ({ page }) => {
  await page.goto('/events');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Събития');
  await page.getByRole('region', { name: 'Предстоящи' }).getByRole('article').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/events\//);
  await expectAccessible(page);

  await page.goto('/centres/varna');
  await page.getByRole('region', { name: 'Мрежи' }).getByRole('article').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/n\//);
  await expect(page.getByRole('region', { name: /Членове/ }).getByRole('article')).not.toHaveCount(0);
  await expectAccessible(page);
});
