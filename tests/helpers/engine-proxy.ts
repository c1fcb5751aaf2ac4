// A recording proxy between a test server and its real Meilisearch (127.0.0.1, free port). It forwards every
// call, keeps the bodies of search calls, and can hold search calls back until released, which is how the tests
// make the engine "slow" on demand and see whether the server cancels calls whose client went away.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineHandle } from '../../engine/connect.ts';
import { readBody } from '../../bench/engine-calls.ts';

export interface RecordedSearch {
  path: string;
  body: Record<string, unknown>;
}

export interface EngineProxy {
  url: string;
  /** The engine as the server should see it: the proxy's URL, the real engine's key. */
  handle: EngineHandle;
  /** Search calls (`/indexes/*\/search`, `/multi-search`) seen since the last clear(). */
  searches(): RecordedSearch[];
  clear(): void;
  /**
   * From now on, searches of clauses (`/indexes/*_clauses/search`, `/multi-search`) wait at the proxy until
   * release(); the server's own catalog refreshes (documents and meta indexes) pass.
   */
  hold(): void;
  /** Lets every held call through and stops holding. */
  release(): void;
  /** Search calls waiting at the proxy now. */
  held(): number;
  /** Held calls whose connection the server closed before they were released. */
  abandoned(): number;
  close(): Promise<void>;
}

const isSearch = (method: string | undefined, path: string) => method === 'POST' && (/^\/indexes\/[^/]+\/search$/.test(path) || path === '/multi-search');

export async function startEngineProxy(engine: EngineHandle): Promise<EngineProxy> {
  const target = new URL(engine.url);
  const recorded: RecordedSearch[] = [];
  let holding = false;
  let waiting: Array<() => void> = [];
  let abandoned = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '/').split('?')[0]!;
      if (isSearch(req.method, path)) {
        recorded.push({ path, body: body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {} });
        if (holding && (path === '/multi-search' || /_clauses\/search$/.test(path))) {
          let gone = false;
          const onClose = () => {
            gone = true;
            abandoned += 1;
          };
          res.once('close', onClose);
          await new Promise<void>((resolve) => waiting.push(resolve));
          res.off('close', onClose);
          if (gone) return;
        }
      }
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle: EngineHandle = {
    url,
    adminKey: engine.adminKey,
    mode: engine.mode,
    events: engine.events,
    healthy: () => engine.healthy(),
    // The real engine belongs to whoever started it.
    stop: async () => undefined,
  };
  const release = () => {
    holding = false;
    for (const resolve of waiting.splice(0)) resolve();
  };
  return {
    url,
    handle,
    searches: () => [...recorded],
    clear: () => {
      recorded.length = 0;
    },
    hold: () => {
      holding = true;
    },
    release,
    held: () => waiting.length,
    abandoned: () => abandoned,
    close: async () => {
      release();
      waiting = [];
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
