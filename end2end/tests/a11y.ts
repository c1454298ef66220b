import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Fails on any WCAG 2.2 A/AA violation axe-core finds on the page. */
export async function expectAccessible(page: Page) {
  // No page is wider than its screen (a phone's 390 px included), and no
  // id is used twice (a label would name the wrong field).
  const [scroll, width, twice] = await page.evaluate(() => {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const el of document.querySelectorAll('[id]')) {
      if (seen.has(el.id)) twice.add(el.id);
      seen.add(el.id);
    }
    return [document.scrollingElement!.scrollWidth, window.innerWidth, [...twice]] as const;
  });
  expect(scroll, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(width);
  expect(twice, `ids used twice on ${page.url()}`).toEqual([]);
  const [target, done] = await axeable(page);
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze()
    .finally(done);
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * A page axe can run in. axe schedules its work with timers, which never
 * fire where JavaScript is off; so a no-JavaScript run hands axe a copy of
 * the page as served (scripts taken out, the stylesheet loaded from the
 * site) in a context of the same size with JavaScript on.
 */
async function axeable(page: Page): Promise<[Page, () => Promise<void>]> {
  if (test.info().project.use.javaScriptEnabled !== false) return [page, async () => {}];
  const origin = new URL(page.url()).origin;
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<head>/i, `<head><base href="${origin}/">`);
  const context = await page.context().browser()!.newContext({
    viewport: page.viewportSize(),
    javaScriptEnabled: true,
  });
  const copy = await context.newPage();
  await copy.setContent(html, { waitUntil: 'load' });
  return [copy, () => context.close()];
}
