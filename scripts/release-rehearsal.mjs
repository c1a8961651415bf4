// Release rehearsal: publish every package to a throwaway local registry through the same
// `pnpm release` users run, install single packages from it into an empty folder outside the
// workspace and use them from ESM, CJS and TypeScript; then rehearse `changeset version`.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { consumers } from './release-consumers.mjs';
import { startVerdaccio } from './lib/verdaccio.mjs';
import { pnpm, publishedPackages, root, say } from './lib/workspace.mjs';

const log = (m) => say('release-rehearsal', m);

/**
 * fetch with two retries: verdaccio closes idle keep-alive sockets while the publish runs, and Node's fetch
 * may hand the next request to such a socket ("other side closed").
 */
async function fetchRetrying(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

function run(cmd, args, options) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Installs `name` alone into a fresh folder and proves ESM, CJS and TypeScript consumers work. */
function checkConsumer(consumer, registry) {
  const dir = mkdtempSync(join(tmpdir(), 'nlpft-consumer-'));
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    const env = {
      ...process.env,
      npm_config_userconfig: registry.npmrc,
      npm_config_registry: registry.url,
    };
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', consumer.name], {
      cwd: dir,
      env,
    });

    // Zero runtime dependencies: the only package under node_modules is the one we asked for.
    const scope = consumer.name.split('/')[0];
    const installed = readdirSync(join(dir, 'node_modules'))
      .filter((f) => !f.startsWith('.'))
      .flatMap((f) =>
        f === scope ? readdirSync(join(dir, 'node_modules', f)).map((g) => `${f}/${g}`) : [f],
      );
    if (installed.length !== 1 || installed[0] !== consumer.name) {
      throw new Error(
        `${consumer.name}: expected only itself in node_modules, found ${installed.join(', ')}`,
      );
    }
    log(`${consumer.name}: installed alone (node_modules holds only ${installed[0]})`);

    writeFileSync(join(dir, 'esm.mjs'), consumer.esm);
    writeFileSync(join(dir, 'cjs.cjs'), consumer.cjs);
    process.stdout.write(run(process.execPath, ['esm.mjs'], { cwd: dir }));
    process.stdout.write(run(process.execPath, ['cjs.cjs'], { cwd: dir }));

    // The consumer's .ts under both resolutions, with no ambient types and full lib checking.
    writeFileSync(join(dir, 'consumer.ts'), consumer.ts);
    writeFileSync(join(dir, 'consumer.mts'), consumer.ts);
    const common = {
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: false,
      target: 'ES2022',
      lib: ['ES2022'],
    };
    const configs = {
      'tsconfig.node16.json': {
        compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' },
        files: ['consumer.ts', 'consumer.mts'],
      },
      'tsconfig.bundler.json': {
        compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler' },
        files: ['consumer.ts'],
      },
    };
    for (const [file, config] of Object.entries(configs)) {
      writeFileSync(join(dir, file), JSON.stringify(config));
      run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', file], { cwd: dir });
      log(`${consumer.name}: consumer.ts type-checks with ${file.split('.')[1]} resolution`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `changeset version` on a throwaway copy with one patch changeset: version and CHANGELOG move as expected. */
function rehearseVersioning() {
  const copy = mkdtempSync(join(tmpdir(), 'nlpft-version-'));
  try {
    const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root })
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(root, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    // Only the rehearsal's changeset: pending ones (minor bumps waiting for a real release) would blur the check.
    for (const file of readdirSync(join(copy, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file));
    }
    const manifestPath = join(copy, 'packages', 'metrics', 'package.json');
    const before = JSON.parse(readFileSync(manifestPath, 'utf8')).version;
    const sentence = 'Rehearsal: fix rounding in accuracyScore.';
    writeFileSync(
      join(copy, '.changeset', 'rehearsal-patch.md'),
      `---\n'@nlpft/metrics': patch\n---\n\n${sentence}\n`,
    );
    run(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy });
    const after = JSON.parse(readFileSync(manifestPath, 'utf8')).version;
    const [major, minor, patch] = before.split('.').map(Number);
    const expected = `${major}.${minor}.${patch + 1}`;
    if (after !== expected)
      throw new Error(
        `changeset version: @nlpft/metrics went ${before} -> ${after}, expected ${expected}`,
      );
    const changelog = readFileSync(join(copy, 'packages', 'metrics', 'CHANGELOG.md'), 'utf8');
    if (!changelog.includes(`## ${expected}`) || !changelog.includes(sentence)) {
      throw new Error(
        `changeset version: CHANGELOG.md lacks "## ${expected}" or the changeset sentence:\n${changelog.slice(0, 500)}`,
      );
    }
    if (existsSync(join(copy, '.changeset', 'rehearsal-patch.md')))
      throw new Error('changeset version left the changeset file behind');
    log(`changeset version: @nlpft/metrics ${before} -> ${after}, CHANGELOG.md gained the entry`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const registry = await startVerdaccio();
let failed = false;
try {
  log(`verdaccio on ${registry.url}`);
  // The users' path: `pnpm release` (build, then changeset publish), pointed at the local registry.
  // No git tags: this is a rehearsal, not a release.
  pnpm(['release', '--no-git-tag'], {
    cwd: root,
    env: {
      ...process.env,
      npm_config_userconfig: registry.npmrc,
      npm_config_registry: registry.url,
    },
  });
  // Ask the registry what it now holds, package by package, as npm would.
  const versions = [];
  for (const { manifest } of publishedPackages()) {
    const res = await fetchRetrying(`${registry.url}${manifest.name.replace('/', '%2f')}`);
    const body = res.ok ? await res.json() : {};
    const latest = body['dist-tags']?.latest;
    if (latest !== manifest.version) {
      throw new Error(
        `${manifest.name}: the registry has ${latest ?? 'nothing'}, expected ${manifest.version}`,
      );
    }
    versions.push(`${manifest.name}@${latest}`);
  }
  log(`published: ${versions.join(', ')}`);
  for (const consumer of consumers) checkConsumer(consumer, registry);
  rehearseVersioning();
  log('release rehearsal passed');
} catch (error) {
  failed = true;
  console.error(
    `[release-rehearsal] FAILED: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`,
  );
} finally {
  registry.stop();
}
process.exit(failed ? 1 : 0);
