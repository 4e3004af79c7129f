import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file served as it is on disk, e.g. a browser IDE's script from node_modules. */
export interface StaticAsset {
  file: string;
  contentType: string;
}

interface Loaded {
  body: Buffer;
  etag: string;
}

/**
 * Serves fixed files on GET/HEAD. Each is read on its first request and kept in memory (the files never change
 * while the process runs); the ETag lets a browser revalidate instead of downloading them again.
 */
export function assetStep(assets: Record<string, StaticAsset>): (request: IncomingMessage, response: ServerResponse, pathname: string) => boolean {
  const loaded = new Map<string, Loaded>();
  const load = (path: string, asset: StaticAsset): Loaded => {
    let entry = loaded.get(path);
    if (!entry) {
      const body = readFileSync(asset.file);
      entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      loaded.set(path, entry);
    }
    return entry;
  };
  return (request, response, pathname) => {
    const asset = Object.hasOwn(assets, pathname) ? assets[pathname] : undefined;
    if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    const { body, etag } = load(pathname, asset);
    const headers = { etag, 'cache-control': 'no-cache', 'content-type': asset.contentType };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    response.writeHead(200, { ...headers, 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
