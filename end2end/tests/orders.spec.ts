import { expect, test, type Page, signOut, signIn } from './fixtures';
import { expectAccessible } from './a11y';

// A buyer goes from the catalogue to requests sent to two enterprises; the
// enterprise takes one from its inbox to fulfilled. Both runs (with and
// without JavaScript) walk it.

/** Puts the first product of an enterprise that can be ordered in the basket. */
async function addFirstOrderable(page: Page, enterpriseSlug: string) {
  await page.goto(`/e/${enterpriseSlug}`);
  const hrefs = await page.locator('article a[href^="/p/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of [...new Set(hrefs)]) {
    await page.goto(href!);
    const add = page.getByRole('button', { name: 'Добави в кошницата' });
    if (await add.count()) {
      await add.click();
      await expect(page).toHaveURL(/\/basket$/);
      return;
    }
  }
  throw new Error(`nothing of ${enterpriseSlug} can be ordered`);
}

test('a buyer sends requests to two enterprises, and one is taken to fulfilled', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = `${test.info().project.name}-${Date.now()}`;
  const email = `kupuvach-${stamp}@example.bg`;
  await page.goto('/signup');
  await page.locator('#f-display_name').fill('Фирма Купувач');
  await page.getByLabel('Имейл').fill(email);
  await page.getByLabel('Парола').fill('дълга парола 2026');
  await page.getByLabel('Приемам общите условия', { exact: false }).check();
  await page.getByRole('button', { name: 'Създай профил' }).click();
  await expect(page).toHaveURL(/\/signin\?registered=1/);
  await signIn(page, email, 'дълга парола 2026');

  await addFirstOrderable(page, 'sinya-nishka-varna');
  await addFirstOrderable(page, 'chista-stapka-varna');
  await expect(page.getByRole('region', { name: 'Синя нишка', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Чиста стъпка', exact: true })).toBeVisible();
  await expectAccessible(page);

  // A refusal first: a name of one letter.
  await page.getByLabel('Име за контакт').fill('А');
  await page.getByLabel('Имейл за контакт').fill(email);
  await page.getByRole('button', { name: 'Изпрати запитванията' }).click();
  await expect(page.locator('#err-contact_name')).toHaveText('Твърде кратко.');
  await expect(page.getByLabel('Имейл за контакт')).toHaveValue(email); // kept, with JavaScript or without
  await page.getByLabel('Име за контакт').fill('Фирма Купувач ООД');
  await page.getByLabel('Съобщение').fill('Може ли доставка до Варна?');
  await page.getByRole('button', { name: 'Изпрати запитванията' }).click();
  await expect(page).toHaveURL(/\/requests\?sent=2$/);
  await expect(page.getByRole('row')).toHaveCount(3);
  await expectAccessible(page);

  const row = page.getByRole('row').filter({ hasText: 'Синя нишка' });
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Запитване #\d+/);
  const requestUrl = new URL(page.url()).pathname;
  await expect(page.getByText('Изпратено', { exact: true })).toBeVisible();

  // The enterprise: inbox, accept, fulfil.
  await signOut(page);
  await signIn(page, 'predpriyatie@demo.socialenpazar.bg', 'demo-member-2026');
  await page.goto('/dashboard/e/sinya-nishka-varna/requests');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Входящи запитвания');
  await expectAccessible(page);
  await page.getByRole('link', { name: `#${requestUrl.split('/').pop()}` }).click();
  await expect(page.getByText('Може ли доставка до Варна?')).toBeVisible();
  await page.getByLabel('Бележка към купувача (по желание)').fill('Да, в петък.');
  await page.getByRole('button', { name: 'Приеми' }).click();
  await expect(page.getByText('Прието', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Отбележи като изпълнено' }).click();
  await expect(page.getByText('Изпълнено', { exact: true })).toBeVisible();
  await expectAccessible(page);
});
