import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
// The swagger plugin's type augmentation (`schema.hide`), also for projects that type-check this file alone.
import type {} from '@fastify/swagger';
import type { App } from './app-types.js';

/** The dashboard's build (`packages/web/dist`), next to this package in the repository. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the API and the server itself: never answered with the dashboard. */
const SERVER_PATHS = /^\/(v1|openapi\.json|docs|healthz|readyz|metrics)(\/|$|\?)/;

/** The dashboard's own pages (packages/web/src/App.tsx): only these are answered with index.html. */
const DASHBOARD_PAGES =
  /^\/(?:(?:jobs|flows|definitions|projects|datasets|tasks|audit|webhooks)(?:\/[^/]+)?|keys|members|queue|review|quality|clients|workspaces|tasks\/[^/]+\/sheet)?\/?$/;

/** A browser navigating asks for HTML (or anything); API clients (Accept: application/json) do not. */
export function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*(text\/html|text\/\*|\*\/\*)\s*(;|,|$)/i.test(accept);
}

/**
 * Serves the built dashboard at `/`: its files as they are, and `index.html` for the dashboard's
 * pages when a browser asks for HTML (the dashboard routes in the browser). Any other path, or a
 * request not accepting text/html, is the problem+json 404. Without a build the server runs as before and says how to make one.
 */
export async function registerWeb(app: App, dir: string = DEFAULT_WEB_DIR): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn(
      `No dashboard build in ${root}: the API runs without the web dashboard (build it with \`npm run build\`).`,
    );
    return;
  }
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false });
    scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (SERVER_PATHS.test(path)) return reply.callNotFound();
      const relative = (request.params as { '*'?: string })['*'] ?? '';
      const file = resolve(root, relative);
      if (file !== root && !file.startsWith(root + sep)) return reply.callNotFound();
      if (file !== root && isFile(file)) {
        // Vite names built assets by their content hash: they never change.
        return relative.startsWith('assets/')
          ? reply.sendFile(relative, { maxAge: '365d', immutable: true })
          : reply.header('cache-control', 'no-cache').sendFile(relative, { cacheControl: false });
      }
      // A missing asset is a 404; so is anything but a dashboard page asked for as HTML.
      if (extname(relative) !== '') return reply.callNotFound();
      if (!DASHBOARD_PAGES.test(path) || !wantsHtml(request.headers.accept)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
