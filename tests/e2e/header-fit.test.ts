/**
 * The header at 1440 px for the longest navigation (an admin, on the admin and the handover page): nothing in it is
 * cut and nothing lies past the window's right edge, in English and in Lithuanian (longer words); again at 1600 and
 * 1760 px.
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('header at 1440 px', () => {
  const suite = liveBrowserSuite({ administrator: 'admin' }, undefined, { seconds: 30 });

  it.each(['en-GB', 'lt-LT'])(
    'shows the data age, the user name and Log out whole on the admin and handover pages (%s)',
    async (locale) => {
      const { page, errors } = await openPage(suite.browser, { width: 1440, height: 900 }, locale);
      await loginThroughForm(page, suite.wf.url, 'administrator', '/admin');
      // nothing cut inside the bar, and nothing past its right end (the Log out button was, at 1440 px)
      const cutOn = async (path: string) => {
        await page.goto(`${suite.wf.url}${path}`);
        await page.locator('.topbar .conn__age').waitFor({ timeout: 20_000 });
        await page.waitForTimeout(1000);
        return (await page.evaluate(`(() => {
      const out = [];
      for (const el of document.querySelectorAll('.topbar > *, .topbar .conn__age, .topbar .conn__label, .topbar__nav a')) {
        if (el.scrollWidth > el.clientWidth + 1) out.push(el.className + ': ' + el.textContent);
      }
      const bar = document.querySelector('.topbar').getBoundingClientRect();
      if (bar.right > innerWidth) out.push('topbar wider than the window');
      for (const el of document.querySelectorAll('.topbar > *')) {
        if (el.getBoundingClientRect().right > bar.right + 0.5) out.push(el.className + ' past the bar: ' + el.textContent);
      }
      return out;
    })()`)) as string[];
      };
      expect(await cutOn('/admin')).toEqual([]);
      expect(await cutOn('/handover')).toEqual([]);
      // and at 1600 px, and at 1760 px where the role is shown too
      for (const width of [1600, 1760]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(500);
        expect(
          await page.evaluate(
            `[...document.querySelectorAll('.topbar > *, .topbar .conn__age')].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth).map((el) => el.className)`,
          ),
        ).toEqual([]);
      }
      expect(await page.locator('.topbar__user').textContent()).toContain('administrator');
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
