import type { Browser } from 'playwright-core';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, registerPet, type TestOwner } from '../e2e/helpers';
import { launchChromium, screenshot, servePage, type PageServer } from './browser';

/**
 * A front end's page: on load it calls the gateway named in its address with the token given there, as an app
 * built with any GraphQL client would, and shows what came back (or the error fetch threw).
 */
const APP_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>app</title></head>
<body><pre id="result"></pre>
<script>
  const params = new URLSearchParams(location.search);
  const show = (text) => { const out = document.getElementById('result'); out.textContent = text; out.dataset.done = 'yes'; };
  fetch(params.get('gateway'), {
    method: 'POST',
    // As an app using cookies would: the browser then also needs Allow-Credentials and the exact origin back.
    credentials: 'include',
    headers: { authorization: 'Bearer ' + params.get('token'), 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ me { firstName pets { name } } }' }),
  })
    .then((response) => response.text())
    .then(show, (error) => show('fetch failed: ' + error));
</script></body></html>`;

let browser: Browser;
let allowed: PageServer;
let other: PageServer;
let stack: TestStack;
let owner: TestOwner;

beforeAll(async () => {
  browser = await launchChromium();
  allowed = await servePage(APP_PAGE);
  other = await servePage(APP_PAGE);
  stack = await startTestStack([core, licensure], { gateway: { corsOrigins: [allowed.origin] } });
  owner = await createOwner(stack, 'cors-owner');
  await registerPet(stack, owner, { name: 'Nori' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await allowed?.close();
  await other?.close();
});

/** Opens the app page from `server` and returns what it showed, with the browser console's messages. */
async function runApp(server: PageServer, name: string): Promise<{ shown: string; console: string[] }> {
  const page = await browser.newPage();
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  const query = new URLSearchParams({ gateway: stack.gatewayUrl, token: owner.token });
  await page.goto(`${server.origin}/app?${query}`);
  await page.locator('#result[data-done]').waitFor();
  await screenshot(page, name);
  return { shown: await page.locator('#result').innerText(), console: messages };
}

describe('a browser app on another origin', () => {
  it('gets the data when its origin is allowed', async () => {
    const { shown } = await runApp(allowed, 'cors-allowed');
    expect(JSON.parse(shown)).toEqual({ data: { me: { firstName: 'Test', pets: [{ name: 'Nori' }] } } });
  });

  it('is refused by the browser when its origin is not allowed', async () => {
    const { shown, console } = await runApp(other, 'cors-refused');
    expect(shown).toBe('fetch failed: TypeError: Failed to fetch');
    expect(console.join('\n')).toContain(`from origin '${other.origin}' has been blocked by CORS policy`);
  });
});
