/**
 * `client[CONNECTION_FAILED](url)`: a connection to `url` broke outside a request (an event stream
 * cut mid-way), so the client's next calls go to its next base URL. Internal: not exported by the
 * package's index.
 */
export const CONNECTION_FAILED: unique symbol = Symbol('batchyard.connectionFailed');
