import { runCli } from './cli';

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('isams-sync command line (commander)', () => {
  it('prints the help on a bare call and exits 0', async () => {
    const ran = await cli([]);
    expect(ran.code).toBe(0);
    for (const command of [
      'attendance',
      'demo',
      'dlq',
      'keys',
      'report',
      'run',
      'runs',
      'school',
      'simulator',
      'sync',
      'transform',
    ])
      expect(ran.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it.each([['--version'], ['-V']])('%s prints the version and git revision', async (flag) => {
    const ran = await cli([flag]);
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/^isams-sync \d+\.\d+\.\d+ \(\S+\)$/);
  });

  it.each([
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing required option', ['report'], /required option '--school <id>' not specified/],
    ['an unknown option', ['runs', 'list', '--colour', 'red'], /unknown option '--colour'/],
    ['a bad number', ['runs', 'list', '--stale-hours', 'soon'], /--stale-hours must be a positive number/],
    ['an unknown run status', ['runs', 'list', '--status', 'held,broken'], /--status takes .* \(not: broken\)/],
    [
      'a run decision that is neither approve nor reject',
      ['run', 'accept', '--run', 'r', '--school', 's'],
      /unknown command 'accept'/,
    ],
  ])('exits 2 on %s', async (_name, args, message) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it("prints a command's help with --help and exits 0", async () => {
    const ran = await cli(['runs', 'list', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('--stale-hours');
  });

  it.each([
    ['run approve', ['run', 'approve', '--run', 'r', '--school', 's']],
    ['dlq replay', ['dlq', 'replay', '--queue', 'importer.x', '--yes']],
    ['school remove', ['school', 'remove', '--id', 's', '--yes']],
  ])('%s needs --actor (or ISAMS_SYNC_ACTOR) in production', async (_name, args) => {
    const ran = await cli(args, {
      NODE_ENV: 'production',
      SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'),
      MONGO_URL: 'mongodb://127.0.0.1:1/none',
      AMQP_URL: 'amqp://127.0.0.1:1',
    });
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('--actor NAME (or ISAMS_SYNC_ACTOR) is required in production');
  });
});
