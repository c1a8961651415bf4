import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { CliError } from '../cli/errors';

/** Where a Chromium binary came from: `CHROMIUM_PATH`, or the npm package that ships one. */
export interface ChromiumBinary {
  executablePath: string;
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium';
}

const PACKAGE = '@sparticuz/chromium';

/**
 * The Chromium the browser checks launch, found without a system browser or a download: `CHROMIUM_PATH` when it
 * is set, else the x64 Linux build that `@sparticuz/chromium` ships brotli-compressed inside its npm tarball,
 * inflated once into `node_modules/.cache/nlpft-chromium/<version>/chromium` (about 3 s, 190 MB). The inflated
 * file appears by rename, so test files that start at the same time never launch a half-written binary.
 * @throws {CliError} `BROWSER_NOT_FOUND` when `CHROMIUM_PATH` names no file, the package is not installed, or
 *   the platform is not x64 Linux (then `CHROMIUM_PATH` must name a Chrome or Chromium).
 */
export async function resolveChromium(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChromiumBinary> {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new CliError(
        'BROWSER_NOT_FOUND',
        `CHROMIUM_PATH is ${fromEnv}, but there is no file there`,
      );
    }
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new CliError(
      'BROWSER_NOT_FOUND',
      `${PACKAGE} ships Chromium for x64 Linux only; on ${process.platform}/${process.arch} point CHROMIUM_PATH at a Chrome or Chromium binary`,
    );
  }
  const packageRoot = findPackageRoot();
  const version = (
    JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const target = join(cacheRoot(packageRoot), 'nlpft-chromium', version, 'chromium');
  if (!existsSync(target)) await inflate(join(packageRoot, 'bin', 'chromium.br'), target);
  return { executablePath: target, source: PACKAGE };
}

function findPackageRoot(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch (error) {
    throw new CliError(
      'BROWSER_NOT_FOUND',
      `${PACKAGE} is not installed (a devDependency of @nlpft/cli: run the install command), and CHROMIUM_PATH is not set`,
      { cause: error },
    );
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'chromium.br'))) return dir;
  }
  throw new CliError('BROWSER_NOT_FOUND', `${PACKAGE} at ${entry} has no bin/chromium.br`);
}

/** The outermost `node_modules` above the package (the clone's own, under pnpm's `.pnpm` layout too). */
function cacheRoot(packageRoot: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = packageRoot.indexOf(marker);
  return at < 0
    ? join(dirname(packageRoot), '.cache')
    : join(packageRoot.slice(0, at + marker.length), '.cache');
}

async function inflate(compressed: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    await pipeline(
      createReadStream(compressed),
      createBrotliDecompress(),
      createWriteStream(partial),
    );
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CliError('BROWSER_NOT_FOUND', `could not inflate ${compressed}: ${String(error)}`, {
      cause: error,
    });
  }
}
