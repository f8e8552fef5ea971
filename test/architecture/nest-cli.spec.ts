import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './import-graph';

describe('nest-cli.json (Nest monorepo mode)', () => {
  const nest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'nest-cli.json'), 'utf8')) as {
    projects: Record<string, { type: string; root: string }>;
  };
  const listed = (type: string) =>
    Object.entries(nest.projects)
      .filter(([, p]) => p.type === type)
      .map(([, p]) => p.root)
      .sort();

  it.each([
    ['library', 'libs'],
    ['application', 'apps'],
  ])('lists every %s folder under %s/', (type, folder) => {
    const present = readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${folder}/${e.name}`)
      .sort();
    expect(listed(type)).toEqual(present);
  });
});
