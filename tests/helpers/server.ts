// Starts the real service for a test (see server/private.ts) and reads its JSON.
export {
  startPrivateEngine as startTestEngine,
  startPrivateServer as startTestServer,
  type PrivateServer as TestServer,
  type PrivateServerOptions as TestServerOptions,
} from '../../server/private.ts';

/** GET a JSON resource of a test server: status and parsed body. */
export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL(path, baseUrl), { headers });
  return { status: res.status, body: await res.json() };
}
