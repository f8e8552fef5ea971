import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DATASETS, isDataset, XmlParseError } from '@isams-sync/isams';
import { transformDocument } from '@isams-sync/normalise';
import { CliUsageError, type CliCommand } from './command';

const USAGE = `isams-sync transform --dataset <${DATASETS.join('|')}> --file <path.xml> [--today YYYY-MM-DD]

Reads an iSAMS Batch XML file offline and prints the normalised records, one JSON object per line,
to stdout. Findings (records that could not be used, and why) go to stderr as JSON lines.
Exit 0 on success, 1 when the document is refused (hostile, truncated, not XML), 2 on a usage mistake.`;

export const transformCommand: CliCommand = {
  name: 'transform',
  summary: 'turn an iSAMS Batch XML file into normalised records (offline)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { dataset: { type: 'string' }, file: { type: 'string' }, today: { type: 'string' } },
      strict: true,
    });
    if (!values.dataset || !isDataset(values.dataset)) throw new CliUsageError(`--dataset must be one of ${DATASETS.join(', ')}`);
    if (!values.file) throw new CliUsageError('--file is required');
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
  },
};
