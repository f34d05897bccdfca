import { BatchyardError } from './errors.js';
import type { Query, RequestOptions } from './http.js';

/** The wire shape of every list answer. */
export interface PageResponse<T> {
  data: T[];
  nextCursor: string | null;
}

/** Fetches one page of a list; the client implements it. */
export interface PageFetcher {
  getPage<T>(path: string, query?: Query, options?: RequestOptions): PagePromise<T>;
}

/** One page of a list. Iterating it (`for await`) walks this page's items and every following page's. */
export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  readonly nextCursor: string | null;
  readonly #fetcher: PageFetcher;
  readonly #path: string;
  readonly #query: Query;
  readonly #options: RequestOptions | undefined;

  constructor(
    fetcher: PageFetcher,
    path: string,
    query: Query,
    options: RequestOptions | undefined,
    response: PageResponse<T>,
  ) {
    this.data = response.data;
    this.nextCursor = response.nextCursor;
    this.#fetcher = fetcher;
    this.#path = path;
    this.#query = query;
    this.#options = options;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** The page after this one, with the same filters, sort, fields and limit. */
  getNextPage(): PagePromise<T> {
    if (this.nextCursor === null) {
      const error = new BatchyardError('This is the last page; check hasNextPage() before getNextPage().');
      return new PagePromise<T>(() => Promise.reject(error));
    }
    return this.#fetcher.getPage<T>(this.#path, { ...this.#query, cursor: this.nextCursor }, this.#options);
  }

  /** This page, then each following page, fetched as the loop asks for them. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    yield this;
    let next = this.hasNextPage() ? await this.getNextPage() : undefined;
    while (next) {
      yield next;
      next = next.hasNextPage() ? await next.getNextPage() : undefined;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * The first page of a list, as a promise (`await`) that is also an async iterable over every item
 * of every page (`for await`).
 */
export class PagePromise<T> extends Promise<Page<T>> implements AsyncIterable<T> {
  // then/catch/finally return plain promises, never a PagePromise built from an executor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  constructor(load: () => Promise<Page<T>>) {
    super((resolve, reject) => {
      load().then(resolve, reject);
    });
  }

  /** Every page, starting with this one. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    const first = await this;
    yield* first.iterPages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const first = await this;
    yield* first;
  }
}
