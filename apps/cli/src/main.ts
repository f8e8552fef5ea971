import 'reflect-metadata';
import { runCli } from './cli';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
