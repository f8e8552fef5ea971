import { readFile } from 'node:fs/promises';
import { DATASETS, isDataset, XmlParseError } from '@isams-sync/isams';
import { transformDocument } from '@isams-sync/normalise';
import { CliUsageError, type CliIo, exitWith, type RegisterCommand } from './command';

const HELP = `
Reads an iSAMS Batch XML file offline and prints the normalised records, one JSON object per line,
to stdout. Findings (records that could not be used, and why) go to stderr as JSON lines.
Exit 0 on success, 1 when the document is refused (hostile, truncated, not XML), 2 on a usage mistake.`;

export const registerTransform: RegisterCommand = (program, ctx) => {
  program
    .command('transform')
    .summary('turn an iSAMS Batch XML file into normalised records (offline)')
    .requiredOption('--dataset <name>', DATASETS.join('|'))
    .requiredOption('--file <path.xml>', 'the Batch API answer, as saved')
    .option('--today <YYYY-MM-DD>', "the school's date (for staff leaving dates); default today")
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: { dataset: string; file: string; today?: string }) => transform(values, ctx.io)));
};

async function transform(values: { dataset: string; file: string; today?: string }, io: CliIo): Promise<number> {
  if (!isDataset(values.dataset)) throw new CliUsageError(`--dataset must be one of ${DATASETS.join(', ')}`);
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new CliUsageError('--today must be YYYY-MM-DD');

  let bytes: Buffer;
  try {
    bytes = await readFile(values.file);
  } catch (error) {
    io.err(`cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  try {
    const result = transformDocument(values.dataset, bytes, { today });
    for (const record of result.records) io.out(JSON.stringify(record));
    for (const finding of result.findings) io.err(JSON.stringify({ finding }));
    return 0;
  } catch (error) {
    if (error instanceof XmlParseError) {
      io.err(`${values.file}: refused: ${error.message.split('\n')[0]}`);
      return 1;
    }
    throw error;
  }
}
