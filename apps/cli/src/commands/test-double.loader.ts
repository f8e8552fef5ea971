/**
 * Loads code that needs the iSAMS simulator (`simulator`, `demo`). The production image leaves the simulator out
 * (it is a test double), so there the command says which image has it instead of failing with a stack trace.
 */
export async function loadTestDouble<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw testDoubleMissing(what, (error as Error).message.split('\n')[0]);
  }
}

/** The error for a command whose test double this installation lacks; `detail` names what was missing. */
export function testDoubleMissing(what: string, detail: string): Error {
  return new Error(
    `${what} needs the iSAMS simulator, which this installation does not include (the production image leaves it out). ` +
      `Use the demo image (docker build --target demo) or a clone of the repository. (${detail})`,
  );
}
