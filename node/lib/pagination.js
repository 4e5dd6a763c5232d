// Lists that page (openai-node's Page and PagePromise): a method whose list pages returns a
// PagePromise, which awaited gives the first Page and iterated with `for await` gives every
// item across pages, fetching each page only when the one before is used up. Whether there is
// a next page, and its number, is the core's to say, from either of Leat's meta formats; the
// next page is the same operation with the same arguments and `page` set to it.

const { APIPromise, awaitedAsPromise } = require('./api-promise');
const { LeatError } = require('./errors');

/** One page of a list: its items (`data`) and where it stands in the list. */
class Page {
  #nextPage;
  #fetch;

  /**
   * @internal Made by the SDK. `info` is the core's `{ page, lastPage, perPage, total,
   * nextPage }`; `fetch(page)` starts the call for page `page`.
   */
  constructor(data, info, fetch) {
    /** The items of this page. */
    this.data = data;
    /** This page's number, from 1. */
    this.page = info.page;
    /** The number of the last page, when Leat said; otherwise `null`. */
    this.lastPage = info.lastPage ?? null;
    /** How many items a page holds, when Leat said; otherwise `null`. */
    this.perPage = info.perPage ?? null;
    /** How many items the whole list holds, when Leat said; otherwise `null`. */
    this.total = info.total ?? null;
    this.#nextPage = info.nextPage ?? null;
    this.#fetch = fetch;
  }

  /** Whether another page follows this one. */
  hasNextPage() {
    return this.#nextPage !== null;
  }

  /** The next page (a PagePromise); throws a LeatError on the last page. */
  nextPage() {
    if (this.#nextPage === null) {
      const of = this.lastPage === null ? '' : ` of ${this.lastPage}`;
      throw new LeatError(`page ${this.page}${of} is the last page; check hasNextPage() before nextPage()`);
    }
    return this.#fetch(this.#nextPage);
  }

  /** This page and every page after it, each fetched when the loop asks for it. */
  async *iterPages() {
    let page = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.nextPage();
    }
  }

  /** Every item from this page on, across pages. */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * The first page of a list, as a Promise (`await` it for the {@link Page}), and every item of
 * the list, across pages, with `for await (const item of client.contacts.list())`.
 */
class PagePromise extends APIPromise {
  /** Every item of the list, from the first page on, fetched page by page as the loop goes. */
  async *[Symbol.asyncIterator]() {
    const page = await this;
    yield* page;
  }

  get [Symbol.toStringTag]() {
    return 'PagePromise';
  }
}

awaitedAsPromise(PagePromise);

module.exports = { Page, PagePromise };
