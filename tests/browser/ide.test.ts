import type { Browser, Page } from 'playwright-core';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { signBearerToken, startGateway } from '@psa/gateway';
import { secret, startTestStack, type TestStack } from '@psa/testing';
import { createOwner, registerPet } from '../e2e/helpers';
import { launchChromium, recordRequests, screenshot } from './browser';

const QUERY = '{ me { firstName pets { name } } }';

/** GraphiQL's editors (CodeMirror 5): the query, the headers tab when it is the one shown, the response. */
const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const HEADERS_EDITOR = 'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror';
const RESPONSE_EDITOR = '.graphiql-response .CodeMirror';

/** An editor's whole text as CodeMirror holds it (the page shows only the lines in view). */
const editorValue = (selector: string) => `document.querySelector(${JSON.stringify(selector)}).CodeMirror.getValue()`;
const editorText = (page: Page, selector: string): Promise<string> => page.evaluate(editorValue(selector));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('GraphiQL served by the gateway in development', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    // The token goes into the IDE's headers when the gateway starts, as the embedded stack does with its demo owner.
    const jwtSecret = secret();
    token = await signBearerToken(jwtSecret, 'ide-owner');
    stack = await startTestStack([core, licensure], { jwtSecret, gateway: { ide: { defaultHeaders: { Authorization: `Bearer ${token}` } } } });
    const owner = await createOwner(stack, 'ide-owner');
    await registerPet(stack, owner, { name: 'Pixel' });
  }, 120_000);
  afterAll(() => stack?.close());

  it('loads from the gateway alone and answers a query typed into it with federated data', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests = recordRequests(page);
    const gateway = new URL(stack.gatewayUrl);
    const sent: { url: string; authorization?: string; body?: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push({ url: request.url(), authorization: request.headers().authorization, body: request.postData() ?? undefined });
    });

    try {
      const response = await page.goto(stack.gatewayUrl);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toContain('text/html');
      await page.locator(QUERY_EDITOR).waitFor();
      expect(JSON.parse(await editorText(page, HEADERS_EDITOR))).toEqual({ Authorization: `Bearer ${token}` });

      await page.locator(QUERY_EDITOR).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(QUERY);
      expect(await editorText(page, QUERY_EDITOR)).toBe(QUERY);
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(`${editorValue(RESPONSE_EDITOR)}.includes('"data"')`);
      expect(JSON.parse(await editorText(page, RESPONSE_EDITOR))).toEqual({ data: { me: { firstName: 'Test', pets: [{ name: 'Pixel' }] } } });
    } finally {
      // Kept whether the test passes or not: what the IDE showed.
      await screenshot(page, 'ide');
    }

    const asked = sent.find((request) => request.body?.includes('firstName'));
    expect(asked).toEqual(expect.objectContaining({ url: stack.gatewayUrl, authorization: `Bearer ${token}` }));
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== gateway.origin);
    expect(elsewhere).toEqual([]);
    expect(requests).toEqual(
      expect.arrayContaining([stack.gatewayUrl, `${gateway.origin}/ide/graphiql.min.js`, `${gateway.origin}/ide/react.production.min.js`]),
    );
  });
});

describe('the gateway in production', () => {
  it('serves no IDE: no page, no IDE files', async () => {
    const gateway = await startGateway({ jwtSecret: secret(), identitySecret: secret(), production: true });
    try {
      const page = await browser.newPage();
      const requests = recordRequests(page);
      const response = await page.goto(gateway.url);
      // Apollo's CSRF prevention refuses a GET without an operation or a preflight header.
      expect(response?.status()).toBe(400);
      expect(await page.locator('#graphiql').count()).toBe(0);
      expect(requests).toEqual([gateway.url]);
      const asset = await page.goto(new URL('/ide/graphiql.min.js', gateway.url).href);
      expect(asset?.status()).toBe(404);
      await screenshot(page, 'ide-production');
    } finally {
      await gateway.close();
    }
  });
});
