import { parseSimulatorArgs, UsageError } from './simulator-main';

describe('parseSimulatorArgs', () => {
  it.each([
    [[], { port: 8089, seed: 42, pupils: 800, help: false }],
    [['--port', '0', '--seed=7', '--pupils', '60', '--medical'], { port: 0, seed: 7, pupils: 60, medical: true }],
    [
      ['--host', '::1', '--token-path', '/main/auth/connect/token'],
      { host: '::1', tokenPath: '/main/auth/connect/token' },
    ],
    [['--help'], { help: true }],
    [['--profile', 'hostile'], { profile: 'hostile' }],
    [['--profile=real'], { profile: 'real' }],
  ])('reads %j', (argv, expected) => {
    expect(parseSimulatorArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['--port', 'x'], '--port'],
    [['--port', '70000'], '--port'],
    [['--pupils', '-1'], '--pupils'],
    [['--seed'], '--seed'],
    [['--token-path', 'token'], '--token-path'],
    [['--verbose'], 'unknown option'],
    [['--profile', 'nasty'], '--profile needs one of real, hostile'],
    [['--profile'], '--profile needs one of real, hostile'],
  ])('refuses %j', (argv, reason) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(UsageError);
    expect(() => parseSimulatorArgs(argv)).toThrow(reason);
  });
});
