import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, spawnServer } from '../../bench/spawn-server.ts';

describe('freePort', () => {
  it('gives a bindable port below the ephemeral range that port-0 servers draw from', async () => {
    const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
    const low = Number(range.trim().split(/\s+/)[0]);
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(low);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('spawnServer', () => {
  it('rejects with the server output when the server exits before it is ready', { timeout: 60_000 }, async () => {
    await expect(spawnServer({ RATE_LIMIT_PER_MINUTE: '-5' }, { readyTimeoutMs: 50_000 })).rejects.toThrow(/exited with code 1[\s\S]*RATE_LIMIT_PER_MINUTE/);
  });
});
