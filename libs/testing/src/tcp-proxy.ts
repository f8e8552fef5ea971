import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, so a test can cut the connection the way a
 * broker restart or a network blip would, without touching anyone else's connections.
 */
export interface TcpProxy {
  port: number;
  url(template: string): string;
  /** Destroys every open connection; new ones are still accepted (the "service" comes back). */
  dropConnections(): void;
  /** While unavailable, open connections are cut and new ones refused: the service is down. */
  setAvailable(available: boolean): void;
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let available = true;
  const server = net.createServer((client) => {
    if (!available) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const cleanup = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', cleanup).on('close', cleanup);
    upstream.on('error', cleanup).on('close', cleanup);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (template) =>
      template.replace(/@[^/:]+:\d+/, `@127.0.0.1:${port}`).replace(/\/\/[^@/:]+:\d+/, `//127.0.0.1:${port}`),
    dropConnections: () => [...sockets].forEach((s) => s.destroy()),
    setAvailable: (value) => {
      available = value;
      if (!value) [...sockets].forEach((s) => s.destroy());
    },
    connectionCount: () => sockets.size / 2,
    close: async () => {
      [...sockets].forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
