import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_IN_PRODUCTION_IMAGE } from '@isams-sync/testing';
import { DOCKERFILE_PATH, execArray, inherited, readDockerfile, stage } from './dockerfile.reader';

const stages = readDockerfile();
const runs = (name: string) =>
  stage(stages, name)
    .instructions.filter((i) => i.keyword === 'RUN')
    .map((i) => i.text);

describe('Dockerfile', () => {
  it('builds the production image by default (the last stage)', () => {
    expect(stages.at(-1)).toMatchObject({ name: 'production', from: 'runtime' });
  });

  it('installs only production dependencies in the runtime image, exactly as npm test checks them', () => {
    expect(runs('runtime').some((r) => /npm ci --omit=dev\b/.test(r))).toBe(true);
  });

  it('leaves out of the runtime image what the production-install check leaves out', () => {
    const build = runs('build').join(' ');
    const movedOut = [...build.matchAll(/mv ((?:dist\/\S+ )+)/g)]
      .flatMap((m) => m[1].trim().split(' '))
      .map((p) => p.replace(/^dist\//, ''));
    const removed = [...build.matchAll(/rm -rf ((?:dist\/\S+ ?)+)/g)]
      .flatMap((m) => m[1].trim().split(' '))
      .map((p) => p.replace(/^dist\//, ''));
    expect([...movedOut, ...removed].sort()).toEqual([...NOT_IN_PRODUCTION_IMAGE].sort());
  });

  it('has the simulator only in the demo image', () => {
    expect(stage(stages, 'demo').from).toBe('runtime');
    expect(stage(stages, 'demo').instructions.map((i) => `${i.keyword} ${i.text}`)).toContain(
      'COPY --from=build /demo-extras/dist ./dist',
    );
  });

  it('labels the image with its source, version and revision (OCI)', () => {
    const labels = stage(stages, 'runtime')
      .instructions.filter((i) => i.keyword === 'LABEL')
      .map((i) => i.text)
      .join(' ');
    for (const key of ['source', 'version', 'revision', 'title', 'licenses'])
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    expect(labels).toMatch(/version="\$\{VERSION\}"/);
    expect(labels).toMatch(/revision="\$\{REVISION\}"/);
    // the image has no .git: logs and --version take the revision from the environment
    const env = stage(stages, 'runtime')
      .instructions.filter((i) => i.keyword === 'ENV')
      .map((i) => i.text)
      .join(' ');
    expect(env).toContain('GIT_REVISION=${REVISION}');
  });

  it('runs as a numeric non-root user under tini, starting the app APP names', () => {
    expect(inherited(stages, 'production', 'USER')?.text).toBe('1000:1000');
    expect(execArray(inherited(stages, 'production', 'ENTRYPOINT'))).toEqual(['/usr/bin/tini', '--']);
    expect(execArray(inherited(stages, 'production', 'CMD'))).toEqual([
      'sh',
      '-c',
      'exec node dist/apps/${APP}/src/main.js',
    ]);
  });

  it('runs the Node major npm test runs on (scripts/node-runtime.sh)', () => {
    const imageMajor = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync(DOCKERFILE_PATH, 'utf8'))?.[1];
    const testedMajor = /^NODE_MAJOR=(\d+)$/m.exec(
      readFileSync(join(__dirname, '..', '..', 'scripts', 'node-runtime.sh'), 'utf8'),
    )?.[1];
    expect(imageMajor).toBeDefined();
    expect(imageMajor).toBe(testedMajor);
  });
});
