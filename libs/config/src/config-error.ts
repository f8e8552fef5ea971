/** Thrown at boot when the environment is invalid; lists every bad variable, not just the first. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`${app}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Thrown while starting when the service must not run as things stand (e.g. a unique index it relies on is
 * missing). The message is one line for a person: the problem and the fix.
 */
export class StartupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefusedError';
  }
}
