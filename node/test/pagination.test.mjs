// Lists that page, in both of Leat's meta formats: the first page awaited, `nextPage()` and
// `iterPages()`, and `for await` over every item across pages. The mock does not page generic
// lists, so a small server on 127.0.0.1 answers pages built from the spec's recorded answers.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { Client, LeatError, Page, PagePromise } from 'leat-sdk';

const PAGES = 3;
const PER_PAGE = 2;

/** The first item of a recorded answer (spec/examples), to make a page's items from. */
function recordedItem(id) {
  const body = JSON.parse(readFileSync(new URL(`../../spec/examples/${id}.json`, import.meta.url), 'utf8'));
  return body.data[0];
}

/** `meta` as contacts and loyalty transactions send it: `limit` as a string, as recorded. */
function pageLimitMeta(page) {
  const from = (page - 1) * PER_PAGE + 1;
  return {
    page,
    limit: String(PER_PAGE),
    viewing_from: from,
    viewing_to: from + PER_PAGE - 1,
    last_page: PAGES,
    total: PAGES * PER_PAGE,
  };
}

/** Laravel's `meta`, as vouchers send it: no `last_page` here, so `total` and `per_page` decide. */
function laravelMeta(page, path) {
  return {
    current_page: page,
    from: (page - 1) * PER_PAGE + 1,
    links: [{ url: `${path}?page=${page}`, label: String(page), active: true }],
    path,
    per_page: String(PER_PAGE),
    to: page * PER_PAGE,
    total: PAGES * PER_PAGE,
  };
}

/**
 * A server answering every GET with page `?page=N` (default 1) of a list of PAGES pages, each
 * item the recorded one with uuid `item-<n>`; it records the query of each request.
 */
async function pagedServer(t, template, meta) {
  const queries = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    queries.push(url.search);
    const page = Number(url.searchParams.get('page') ?? 1);
    const data = Array.from({ length: PER_PAGE }, (_, i) => ({
      ...template,
      uuid: `item-${(page - 1) * PER_PAGE + i + 1}`,
    }));
    response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_page_${page}` });
    response.end(JSON.stringify({ data, meta: meta(page, `http://127.0.0.1${url.pathname}`) }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const client = new Client({ apiKey: 'k', baseUrl: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 });
  return { client, queries };
}

const ALL = Array.from({ length: PAGES * PER_PAGE }, (_, i) => `item-${i + 1}`);

const FORMATS = [
  ['page_limit (contacts)', 'contacts.list', pageLimitMeta, (client, params) => client.contacts.list(params)],
  ['laravel (vouchers)', 'vouchers.list', laravelMeta, (client, params) => client.vouchers.list(params)],
];

for (const [format, id, meta, list] of FORMATS) {
  test(`${format}: awaiting the list gives its first page`, async (t) => {
    const { client, queries } = await pagedServer(t, recordedItem(id), meta);
    const pending = list(client, { limit: PER_PAGE });
    assert.ok(pending instanceof PagePromise);
    const page = await pending;
    assert.ok(page instanceof Page);
    assert.deepEqual(
      page.data.map((item) => item.uuid),
      ['item-1', 'item-2'],
    );
    assert.equal(page.page, 1);
    assert.equal(page.perPage, PER_PAGE);
    assert.equal(page.total, PAGES * PER_PAGE);
    assert.equal(page.hasNextPage(), true);
    assert.deepEqual(queries, [`?limit=${PER_PAGE}`]);
  });

  test(`${format}: for await walks every item across every page, fetching each page once`, async (t) => {
    const { client, queries } = await pagedServer(t, recordedItem(id), meta);
    const seen = [];
    for await (const item of list(client, { limit: PER_PAGE })) {
      assert.equal(Object.getPrototypeOf(item), Object.prototype);
      seen.push(item.uuid);
    }
    assert.deepEqual(seen, ALL);
    // The same arguments each time, and the page the core says comes next (the query in the spec's order).
    assert.deepEqual(queries, [`?limit=${PER_PAGE}`, `?page=2&limit=${PER_PAGE}`, `?page=3&limit=${PER_PAGE}`]);
  });

  test(`${format}: pages are fetched only as the loop reaches them`, async (t) => {
    const { client, queries } = await pagedServer(t, recordedItem(id), meta);
    for await (const item of list(client)) {
      if (item.uuid === 'item-2') break;
    }
    assert.equal(queries.length, 1);
  });

  test(`${format}: nextPage() and iterPages() go page by page to the last`, async (t) => {
    const { client } = await pagedServer(t, recordedItem(id), meta);
    const first = await list(client);
    const second = await first.nextPage();
    assert.equal(second.page, 2);
    assert.deepEqual(
      second.data.map((item) => item.uuid),
      ['item-3', 'item-4'],
    );
    const numbers = [];
    for await (const page of first.iterPages()) numbers.push(page.page);
    assert.deepEqual(numbers, [1, 2, 3]);
    const last = await second.nextPage();
    assert.equal(last.hasNextPage(), false);
    assert.throws(
      () => last.nextPage(),
      (err) => err instanceof LeatError && /last page/.test(err.message),
    );
    const items = [];
    for await (const item of second) items.push(item.uuid);
    assert.deepEqual(items, ALL.slice(PER_PAGE));
  });

  test(`${format}: withResponse() gives the first page and its answer`, async (t) => {
    const { client } = await pagedServer(t, recordedItem(id), meta);
    const { data, response } = await list(client).withResponse();
    assert.ok(data instanceof Page);
    assert.equal(response.requestId, 'req_page_1');
    assert.equal(JSON.parse(response.body).data[0].uuid, 'item-1');
  });
}

test('a page asked for by number starts the walk there', async (t) => {
  const { client, queries } = await pagedServer(t, recordedItem('contacts.list'), pageLimitMeta);
  const seen = [];
  for await (const contact of client.contacts.list({ page: 2 })) seen.push(contact.uuid);
  assert.deepEqual(seen, ALL.slice(PER_PAGE));
  assert.deepEqual(queries, ['?page=2', '?page=3']);
});

test('a page of models is mapped like any answer: camelCase fields, nested models, extra', async (t) => {
  const template = { ...recordedItem('contacts.list'), brand_new_field: { kept: [1, 2] } };
  const { client } = await pagedServer(t, template, pageLimitMeta);
  const [contact] = (await client.contacts.list()).data;
  assert.equal(contact.email, template.email);
  assert.equal(contact.creditBalance.balance, template.credit_balance.balance);
  assert.equal(contact.attributes[0].attribute.name, template.attributes[0].attribute.name);
  assert.deepEqual(contact.extra, { brand_new_field: { kept: [1, 2] } });
});
