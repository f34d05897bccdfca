import type { Batchyard } from '../client.js';

export abstract class APIResource {
  constructor(protected readonly client: Batchyard) {}
}
