// The home page as an elderly resident sees it on a 360×800 phone (issue 30): what they come for
// is on the first screen, and the header leaves room for it. check.mjs calls `checkHome` on each
// site's home page, in the tab it checked the page in, and adds what it returns to the page's
// failures.

/** The header and its menu may take at most this much of the 800 px screen, at 360 px wide. */
export const HEADER_MAX_PX = 160;
/** A touch target residents with unsteady hands can hit (WCAG 2.5.5 asks 44; we ask 48). */
export const CALL_MIN_PX = 48;

/**
 * Checks the home page loaded in `tab` (a playwright page at 360×800, scrolled to the top):
 * - the header, menu included, is at most HEADER_MAX_PX tall, and its menu is one row;
 * - the first guide's link starts within the first screen;
 * - the help block comes before the progress lines, and its call button, when the site has a
 *   phone number, is at least CALL_MIN_PX tall; with up to five guides (the example and the
 *   fixtures), it is on the first screen too.
 * Returns a list of failures `{ check: 'home', rule, detail }`, empty when all is well.
 */
export async function checkHome(tab) {
  const m = await tab.evaluate(() => {
    const box = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top + window.scrollY), bottom: Math.round(r.bottom + window.scrollY), height: Math.round(r.height) };
    };
    return {
      screen: window.innerHeight,
      header: box('.site-header'),
      summary: box('.site-header details summary'),
      firstGuide: box('main .task-list a'),
      help: box('main .home-help'),
      call: box('main .home-help a[href^="tel:"]'),
      progress: box('main .progress-lines'),
      sitePhone: !!document.querySelector('footer a[href^="tel:"]'),
      guides: document.querySelectorAll('main .task-list a').length,
    };
  });
  const failures = [];
  const fail = (rule, detail) => failures.push({ check: 'home', rule, detail });
  if (!m.header) fail('header', 'no .site-header');
  else if (m.header.height > HEADER_MAX_PX) fail('header', `the header is ${m.header.height}px tall, more than ${HEADER_MAX_PX}px`);
  if (!m.summary || m.summary.height < CALL_MIN_PX) fail('menu', `the menu's button is ${m.summary ? m.summary.height + 'px tall' : 'missing'}; a <details> menu of at least ${CALL_MIN_PX}px`);
  if (!m.firstGuide) fail('first guide', 'no guide link in main .task-list');
  else if (m.firstGuide.top >= m.screen) fail('first guide', `the first guide starts at ${m.firstGuide.top}px, below the first ${m.screen}px`);
  if (m.help && m.progress && m.help.top > m.progress.top) fail('order', 'the help block comes after the progress lines');
  if (m.sitePhone) {
    if (!m.call) fail('call button', 'the site has a phone but the home page has no call button in its help block');
    else {
      if (m.call.height < CALL_MIN_PX) fail('call button', `the call button is ${m.call.height}px tall, less than ${CALL_MIN_PX}px`);
      if (m.guides <= 5 && m.call.bottom > m.screen) fail('call button', `the call button ends at ${m.call.bottom}px, below the first ${m.screen}px`);
    }
  }
  return failures;
}
