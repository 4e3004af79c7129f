import type { Dispatcher, Pool } from 'undici';

/**
 * One POST on a pool: its status and body text, or a rejection on a network error or when `ms` have passed. It goes
 * through undici's dispatch API with a handler that only collects the chunks: `pool.request` wraps every answer in
 * a stream, an abort listener and a race with the timer, which cost more than the bytes of a small answer. The timer
 * counts from the moment of the call, so a request still queued behind busy connections gives up on time too; it
 * is then dropped when a connection takes it.
 */
export function postOnPool(pool: Pool, path: string, headers: Record<string, string>, body: string, ms: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      settled = true;
      const error = new DOMException(`no answer within ${ms} ms`, 'TimeoutError');
      controller?.abort(error);
      reject(error);
    }, ms);
    pool.dispatch(
      { path, method: 'POST', headers, body },
      {
        onRequestStart(started) {
          controller = started;
          if (settled) started.abort(new Error('abandoned: its time limit passed while it waited for a connection'));
        },
        onResponseStart(_, statusCode) {
          status = statusCode;
        },
        onResponseData(_, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          resolve({ status, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') });
        },
        onResponseError(_, error) {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          reject(error);
        },
      },
    );
  });
}
