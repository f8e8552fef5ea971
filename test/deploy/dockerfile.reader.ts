import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOCKERFILE_PATH = join(__dirname, '..', '..', 'Dockerfile');

export interface DockerInstruction {
  keyword: string;
  /** the arguments, continuation lines joined, comments inside the instruction dropped */
  text: string;
}

export interface DockerStage {
  name: string;
  from: string;
  instructions: DockerInstruction[];
}

/** The Dockerfile as stages of instructions: enough to check what each image holds and runs, without Docker. */
export function readDockerfile(path = DOCKERFILE_PATH): DockerStage[] {
  const stages: DockerStage[] = [];
  let pending = '';
  const flush = (line: string) => {
    const [keyword, ...rest] = line.trim().split(/\s+/);
    const text = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from, , name] = rest;
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
    } else stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), text });
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = `${pending}${line}`.trim();
    pending = '';
    if (whole) flush(whole);
  }
  return stages;
}

export function stage(stages: DockerStage[], name: string): DockerStage {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`the Dockerfile has no stage ${name}`);
  return found;
}

/** A stage's instruction of this kind, following FROM <earlier stage> like Docker does (the last one wins). */
export function inherited(stages: DockerStage[], name: string, keyword: string): DockerInstruction | undefined {
  const own = stage(stages, name);
  const mine = own.instructions.filter((i) => i.keyword === keyword).at(-1);
  if (mine) return mine;
  return stages.some((s) => s.name === own.from) ? inherited(stages, own.from, keyword) : undefined;
}

/** CMD/ENTRYPOINT in exec form (JSON array). */
export function execArray(instruction: DockerInstruction | undefined): string[] {
  if (!instruction) return [];
  return JSON.parse(instruction.text) as string[];
}
