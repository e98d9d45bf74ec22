// Static files for `npm start`: the demo pages at / and the built bundle at /dist/.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendText } from './http-util.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.y4m': 'application/octet-stream',
};

/** URL prefix (ending in '/') → directory. The longest matching prefix wins. */
export type StaticMounts = Record<string, string>;

export async function serveStatic(mounts: StaticMounts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const prefix = Object.keys(mounts)
    .filter((p) => url.pathname.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return false;
  const root = resolve(mounts[prefix]);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    sendText(res, 400, 'Bad path');
    return true;
  }
  if (relative.split('/').some((part) => part.startsWith('.')) || relative.includes('\0')) {
    sendText(res, 404, 'Not found');
    return true;
  }
  let file = resolve(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) {
    sendText(res, 404, 'Not found');
    return true;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        // Leading slashes collapsed: `//host/` would send the browser to another site.
        res.writeHead(301, { Location: `${url.pathname.replace(/^\/+/, '/')}/${url.search}` });
        res.end();
        return true;
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    sendText(res, 404, `Not found: ${url.pathname}`);
  }
  return true;
}
