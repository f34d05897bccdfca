/** Produces a streamed body chunk by chunk: `undefined` at the end. */
export interface ChunkProducer {
  next(): Promise<Uint8Array | undefined>;
  /** Releases the source (file handle, iterator) when the body is not read to its end. */
  close(): void;
}

/**
 * A request body sent as a stream (`fetch` with a ReadableStream and `duplex: 'half'`), produced one
 * chunk at a time as the connection takes it, so it is never held whole in memory.
 *
 * `open` is called once per attempt and must not touch its source before the first `next()`: a
 * failed attempt that read nothing can then be retried with a fresh stream, while one that sent
 * bytes cannot (the source may be a one-shot iterator) and fails as it is.
 */
export class StreamBody {
  /** True once a chunk was asked for: the body can no longer be replayed. */
  started = false;
  /** The error of the source itself (not of the connection), thrown as it is. */
  failure: unknown = undefined;
  /** Set by the client for each attempt: called as each chunk goes out (the timeout counts from it). */
  onChunk: (() => void) | undefined = undefined;
  /** Stops the current attempt's stream (see stop()). */
  #stop: ((reason: unknown) => void) | undefined = undefined;

  constructor(
    readonly contentType: string,
    private readonly open: () => ChunkProducer,
  ) {}

  /** A new stream over the source, for one attempt. */
  stream(): ReadableStream<Uint8Array> {
    const producer = this.open();
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      try {
        producer.close();
      } catch {
        // Nothing left to release.
      }
    };
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#stop = (reason) => {
            if (closed) return;
            close();
            try {
              controller.error(reason);
            } catch {
              // Already closed or errored.
            }
          };
        },
        pull: async (controller) => {
          if (closed) return;
          this.started = true;
          let chunk: Uint8Array | undefined;
          try {
            chunk = await producer.next();
          } catch (error) {
            this.failure = error;
            close();
            controller.error(error);
            return;
          }
          // Stopped while the chunk was being produced.
          if (closed) return;
          if (chunk === undefined) {
            close();
            controller.close();
            return;
          }
          controller.enqueue(chunk);
          this.onChunk?.();
        },
        cancel: close,
      },
      // Nothing is read ahead: the first chunk is produced when the connection asks for it.
      { highWaterMark: 0 },
    );
  }

  /**
   * Ends the current attempt's stream and releases its source: fetch may keep reading a request
   * body after its signal fired (or after the answer came), so an aborted or answered upload is
   * stopped here rather than left producing.
   */
  stop(reason?: unknown): void {
    this.#stop?.(reason ?? new Error('The upload was stopped.'));
  }
}
