import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedSchool, type DataQualityRates, type ProfileName } from '@isams-sync/simulator';
import { handleSimulatorRequest } from './http/simulator-request.router';

// What boots the simulator (it is a plain Node http server, not a Nest app): main.ts runs it from the command line,
// and tests and benchmarks start it in-process from here (test/architecture allows exactly this file).

export interface SimulatorOptions {
  seed: number;
  pupils: number;
  medical?: boolean;
  /** 0 or omitted: an ephemeral port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** the address clients use (in a container: http://isams-simulator:8089); default http://<host>:<port> */
  publicUrl?: string;
  dataQuality?: Partial<DataQualityRates>;
  /** where the OAuth2 token endpoint lives (older hosts: /main/auth/connect/token) */
  tokenPath?: string;
  tokenLifetimeSeconds?: number;
  /** how Batch answers are written: `real` (default) or `hostile` */
  profile?: ProfileName;
}

export interface RunningSimulator {
  url: string;
  port: number;
  school: SimulatedSchool;
  close(): Promise<void>;
}

/**
 * Starts the simulated iSAMS on 127.0.0.1 (port 0: an ephemeral port). Batch API, REST API and the
 * `/_sim/` control API share the port.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const school = new SimulatedSchool(options);
  const server = createServer((req, res) => {
    handleSimulatorRequest(school, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  school.attachUrl(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    school,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // hanging (never-finishing, slow-drip) answers and idle keep-alive sockets end now
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
