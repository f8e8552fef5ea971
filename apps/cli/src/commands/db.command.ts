import mongoose, { type Model } from 'mongoose';
import { ensureIndexes, MODEL_CATALOGUE, missingUniqueIndexes } from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { type CliEnv, type CliIo, exitWith, type RegisterCommand } from './command';

const HELP = `
Creates every collection and index the services rely on (the unique keys that make a redelivered message change
nothing) in the database at MONGO_URL. Never drops or changes an existing index, so it is safe to run again and
while the services run. Production runs it as a Job before each rollout; the services there build no indexes
themselves (MONGO_AUTO_INDEX off) and refuse to start while a unique index is missing.
Environment: MONGO_URL.
Exit 0 when every index exists afterwards, 1 otherwise; 2 on a usage mistake.`;

export const registerDb: RegisterCommand = (program, ctx) => {
  const db = program.command('db').summary('database upkeep: ensure-indexes creates every index the services rely on');
  db.command('ensure-indexes')
    .summary('create every collection and index the services rely on')
    .option('--json', 'print what exists as one JSON object')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: { json?: boolean }) => ensureAllIndexes(values, ctx.io, ctx.env)));
};

async function ensureAllIndexes(values: { json?: boolean }, io: CliIo, env?: CliEnv): Promise<number> {
  const config = loadCliConfig(env);
  const connection = await mongoose
    .createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000, autoIndex: false })
    .asPromise();
  try {
    const models = MODEL_CATALOGUE.map(
      (definition) => connection.model(definition.name, definition.schema) as Model<unknown>,
    );
    const ensured = await ensureIndexes(models);
    const missing = await missingUniqueIndexes(connection, models);
    const total = ensured.reduce((n, c) => n + c.indexes.length, 0);
    if (values.json)
      io.out(JSON.stringify({ database: connection.name, collections: ensured, missingUnique: missing }));
    else {
      for (const c of ensured)
        io.out(
          `${c.collection.padEnd(22)} ${c.indexes.map((i) => `${i.name}${i.unique ? ' (unique)' : ''}`).join(', ') || '(no declared indexes)'}`,
        );
      io.out(`${total} indexes in ${ensured.length} collections of database ${connection.name} are in place`);
    }
    if (missing.length) {
      io.err(
        `still missing after creating: ${missing.map((i) => `${i.collection} ${JSON.stringify(i.key)}`).join(', ')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await connection.close();
  }
}
