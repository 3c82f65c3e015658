/**
 * The header at 1440 px for the longest navigation (an admin on the admin page): nothing in it is cut, in English and
 * in Lithuanian (longer words).
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('header at 1440 px', () => {
  const suite = liveBrowserSuite({ administrator: 'admin' }, undefined, { seconds: 30 });

  it.each(['en-GB', 'lt-LT'])(
    'shows the data age and the user name whole on the admin page (%s)',
    async (locale) => {
      const { page, errors } = await openPage(suite.browser, { width: 1440, height: 900 }, locale);
      await loginThroughForm(page, suite.wf.url, 'administrator', '/admin');
      await page.locator('.topbar .conn__age').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1500);
      const cut = (await page.evaluate(`(() => {
      const out = [];
      for (const el of document.querySelectorAll('.topbar > *, .topbar .conn__age, .topbar .conn__label, .topbar__nav a')) {
        if (el.scrollWidth > el.clientWidth + 1) out.push(el.className + ': ' + el.textContent);
      }
      const bar = document.querySelector('.topbar').getBoundingClientRect();
      if (bar.right > innerWidth) out.push('topbar wider than the window');
      return out;
    })()`)) as string[];
      expect(cut).toEqual([]);
      // and at 1600 px, where the role is shown too
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.waitForTimeout(500);
      expect(
        await page.evaluate(
          `[...document.querySelectorAll('.topbar > *, .topbar .conn__age')].filter((el) => el.scrollWidth > el.clientWidth + 1 || (document.documentElement.lang === 'lt' && el.getBoundingClientRect().right > innerWidth)).map((el) => el.className)`,
        ),
      ).toEqual([]);
      expect(await page.locator('.topbar__user').textContent()).toContain('administrator');
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
