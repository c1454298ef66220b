import { expect, test } from './fixtures';
import { expectAccessible } from './a11y';

test('home page speaks Bulgarian and lists the six centres', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Социален пазар/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'bg');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Купувайте от социални предприятия');
  const centres = page.getByRole('region', { name: 'Регионални центрове' }).getByRole('link');
  await expect(centres).toHaveCount(6);
  for (const city of ['Варна', 'Бургас', 'Ловеч', 'Габрово', 'Пловдив', 'Благоевград']) {
    await expect(page.getByRole('link', { name: `Регионален център ${city}` })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Избрани продукти' }).getByRole('article')).not.toHaveCount(0);
  await expectAccessible(page);
});

test('switching to English sticks, and a centre is found by its link', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buy from social enterprises');
  await expectAccessible(page);

  // The choice is remembered: the Bulgarian address now opens in English.
  await page.goto('/centres');
  await expect(page).toHaveURL(/\/en\/centres$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regional centres');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Varna Regional Centre' }).click();
  await expect(page).toHaveURL(/\/en\/centres\/varna$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Varna Regional Centre');
  await expect(page.getByText('26 Tsar Simeon I St, Varna')).toBeVisible();
  for (const district of ['Varna', 'Dobrich', 'Targovishte', 'Shumen']) {
    await expect(page.getByRole('region', { name: 'Districts' }).getByRole('link', { name: district })).toBeVisible();
  }
  await expectAccessible(page);

  // And back to Bulgarian.
  await page.getByRole('link', { name: 'Превключи на български' }).click();
  await expect(page).toHaveURL(/\/centres\/varna$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Регионален център Варна');
});

test('a centre page shows its region, enterprises, networks and events', async ({ page }) => {
  await page.goto('/centres/plovdiv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Регионален център Пловдив');
  await expect(page.getByText('Южен централен район')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Социални предприятия' }).getByRole('article')).not.toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Мрежи' }).getByRole('article')).not.toHaveCount(0);
  await expectAccessible(page);
});

test('an unknown address is a real 404 page', async ({ page }) => {
  const response = await page.goto('/centres/nowhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страницата не е намерена');
  await expectAccessible(page);

  const other = await page.goto('/no/such/page');
  expect(other?.status()).toBe(404);
});

test('the keyboard reaches the skip link first', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Към съдържанието' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('the release build hydrates: a refused sign-in is answered in place', async ({ page }, info) => {
  test.skip(info.project.name === 'nojs', 'islands hydrate only with JavaScript');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/signin');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Имейл').fill('nikoy@example.bg');
  await page.getByLabel('Парола').fill('грешна парола');
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page.getByRole('alert')).toContainText('Грешен имейл или парола');
  // Answered by the island: the page did not reload with the error in its address.
  await expect(page).not.toHaveURL(/__err/);
  await expect(page.getByLabel('Имейл')).toHaveValue('nikoy@example.bg');
  expect(errors).toEqual([]);
});

test('on a phone „Меню“ opens the navigation, and nothing moves when the page starts', async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Основна навигация' });
  await expect(nav).toBeHidden();
  await page.waitForLoadState('networkidle');
  if (info.project.name === 'js') {
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) total += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 300);
        }),
    );
    expect(shift).toBeLessThan(0.05);
  }
  await page.getByText('Меню', { exact: true }).click();
  await expect(nav).toBeVisible();
  await expectAccessible(page);
});

test('static assets are hashed, compressed and cached for good', async ({ page, request }) => {
  await page.goto('/');
  const wasm = await page.locator('link[rel="preload"][as="fetch"]').getAttribute('href');
  expect(wasm).toMatch(/^\/pkg\/socialen-pazar\.[\w-]+\.wasm$/);
  const response = await request.get(wasm!, { headers: { 'accept-encoding': 'br' } });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-encoding']).toBe('br');
  expect(response.headers()['cache-control']).toContain('immutable');
});
