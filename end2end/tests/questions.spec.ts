import { expect, test, type Browser, type Page } from './fixtures';
import { expectAccessible } from './a11y';

// Beyond the basket: a question about a product answered in its thread, an
// order accepted with another quantity and price that the buyer confirms,
// and a quote asked of two chosen members of a network. Both runs (with and
// without JavaScript) walk it.

const BUYER = ['kupuvach@demo.socialenpazar.bg', 'demo-buyer-2026'];
const OWNER = ['predpriyatie@demo.socialenpazar.bg', 'demo-member-2026'];

async function signIn(page: Page, [email, password]: string[]) {
  await page.goto('/signin');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill(password);
  await page.getByRole('button', { name: 'Вход' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

async function otherPage(browser: Browser): Promise<Page> {
  const use = test.info().project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, javaScriptEnabled: use.javaScriptEnabled });
  return context.newPage();
}

/** The address of the first product of Синя нишка that can be ordered. */
async function orderableProduct(page: Page): Promise<string> {
  await page.goto('/e/sinya-nishka-varna');
  const hrefs = await page.locator('article a[href^="/p/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of [...new Set(hrefs)]) {
    await page.goto(href!);
    if (await page.getByRole('button', { name: 'Добави в кошницата' }).count()) return href!;
  }
  throw new Error('nothing of Синя нишка can be ordered');
}

test('a question, an order with changes the buyer confirms, and a quote from a network', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const run = test.info().project.name;
  await signIn(page, BUYER);
  const owner = await otherPage(browser);
  await signIn(owner, OWNER);

  // A question about a product, answered in its thread.
  const product = await orderableProduct(page);
  await page.locator('summary', { hasText: 'Попитайте предприятието' }).click();
  const question = `Има ли го в тъмносиньо? (${run})`;
  await page.getByLabel('Въпрос').fill(question);
  await page.getByRole('button', { name: 'Изпрати въпроса' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Въпрос #\d+/);
  await expect(page.getByText(question)).toBeVisible();
  const questionUrl = new URL(page.url()).pathname;
  await owner.goto(questionUrl);
  await owner.getByLabel('Ново съобщение').fill('Да, имаме два броя.');
  await owner.getByRole('button', { name: 'Изпрати' }).click();
  await owner.getByRole('button', { name: 'Отбележи като отговорен' }).click();
  await expect(owner.getByText('Изпълнено', { exact: true })).toBeVisible();
  await page.goto(questionUrl);
  await expect(page.getByText('Да, имаме два броя.')).toBeVisible();
  await expectAccessible(page);

  // An order of two; the enterprise offers one at another price; the buyer confirms.
  await page.goto(product);
  await page.getByLabel('Количество').fill('2');
  await page.getByRole('button', { name: 'Добави в кошницата' }).click();
  await expect(page).toHaveURL(/\/basket$/);
  await page.getByLabel('Име за контакт').fill('Николай Петров');
  await page.getByLabel('Имейл за контакт').fill(BUYER[0]);
  await page.getByRole('button', { name: 'Изпрати запитванията' }).click();
  await expect(page).toHaveURL(/\/requests\?sent=1$/);
  await page.getByRole('row').filter({ hasText: 'Синя нишка' }).first().getByRole('link').click();
  const orderUrl = new URL(page.url()).pathname;
  await owner.goto(orderUrl);
  await owner.locator('summary', { hasText: 'Приеми с други количества или цени' }).click();
  await owner.getByLabel(/^Количество: /).fill('1');
  await owner.getByLabel(/^Цена: /).fill('9,90');
  await owner.getByLabel('Бележка към купувача', { exact: true }).fill('Остана един брой, с отстъпка.');
  await owner.getByRole('button', { name: 'Предложи на купувача' }).click();
  await expect(owner.getByText('Предложени са промени', { exact: true })).toBeVisible();
  await expectAccessible(owner);
  await page.goto(orderUrl);
  await expect(page.locator('td.proposal')).toContainText('1 × 9,90');
  await page.getByRole('button', { name: 'Потвърди промените' }).click();
  await expect(page.getByText('Прието', { exact: true })).toBeVisible();
  await expect(page.getByText(/Общо: 9,90\s€/)).toBeVisible();
  await expectAccessible(page);

  // A quote asked of two members of a network.
  await page.goto('/n/uslugi-s-kauza-severoiztok');
  await page.locator('summary', { hasText: 'Поискайте оферта от членовете' }).click();
  const members = page.locator('fieldset input[type="checkbox"]');
  const count = await members.count();
  for (let i = 2; i < count; i++) await members.nth(i).uncheck();
  await page.getByLabel('Какво ви трябва').fill(`Почистване на две училища всяка седмица (${run}).`);
  await page.getByRole('button', { name: 'Изпрати запитването' }).click();
  await expect(page).toHaveURL(/\/requests\?sent=2$/);
  await expect(page.getByRole('row').filter({ hasText: 'оферта' })).toHaveCount(2 * (run === 'js' ? 1 : 2));
  await owner.context().close();
});
