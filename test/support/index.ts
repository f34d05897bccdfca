export { testDialects, testPostgresUrl, type TestDialect } from './env.js';
export { createTestDatabase, createTestStore, type TestDatabase } from './store.js';
export { startTestServer, type TestServer } from './server.js';
