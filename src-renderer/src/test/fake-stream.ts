/**
 * Test helpers: a fetch that answers from a script of handlers, with watch responses whose
 * streams the test feeds chunk by chunk (and which end when the request is aborted, as real
 * fetch does).
 */
export interface FakeStream {
  push(text: string | Uint8Array): void;
  close(): void;
  readonly aborted: boolean;
}

export interface FakeRequest {
  url: string;
  init?: RequestInit;
}

export type FakeHandler = (req: FakeRequest) => Response | Promise<Response>;

const encoder = new TextEncoder();

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A streaming 200 response and the handle that feeds it. */
export function streamResponse(signal?: AbortSignal | null): { response: Response; stream: FakeStream } {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let aborted = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctl = c;
    },
  });
  signal?.addEventListener('abort', () => {
    aborted = true;
    if (done) return;
    done = true;
    ctl.error(new DOMException('The operation was aborted.', 'AbortError'));
  });
  const stream: FakeStream = {
    push(text) {
      if (!done) ctl.enqueue(typeof text === 'string' ? encoder.encode(text) : text);
    },
    close() {
      if (done) return;
      done = true;
      ctl.close();
    },
    get aborted() {
      return aborted;
    },
  };
  return { response: new Response(body, { status: 200 }), stream };
}

/** Lets pending promise chains (fetch, stream reads) run to their next wait. Not a sleep. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export const line = (event: unknown) => `${JSON.stringify(event)}\n`;
