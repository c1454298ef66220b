import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Fails on any WCAG 2.2 A/AA violation axe-core finds on the page. */
export async function expectAccessible(page: Page) {
  // axe runs inside the page, which needs JavaScript; the no-JavaScript run
  // serves the same markup, which the JavaScript run has checked.
  if (test.info().project.use.javaScriptEnabled === false) return;
  // No page is wider than its screen (a phone's 390 px included).
  const [scroll, width] = await page.evaluate(() => [
    document.scrollingElement!.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(width);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}
