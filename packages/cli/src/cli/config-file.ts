import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliError } from './errors';
import { flagName, optionKey, valueFromConfig } from './option-values';
import type { OptionScalar } from './option-values';
import { didYouMean } from './suggest';
import type { OptionSpecs } from './types';

/**
 * Reads a config file: JSON for `.json`, YAML for `.yaml`/`.yml` (anything else is tried as JSON, then YAML). The
 * top level must be an object (a mapping).
 * @throws {CliError} `FILE_NOT_FOUND`, `FILE_ERROR`, `INVALID_CONFIG` naming the file and the parser's message.
 */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new CliError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_ERROR',
      `config file ${path}: ${code === 'ENOENT' ? 'no such file' : (cause as Error).message}`,
      { cause },
    );
  }
  const ext = extname(path).toLowerCase();
  let data: unknown;
  try {
    if (ext === '.json') data = JSON.parse(text);
    else if (ext === '.yaml' || ext === '.yml') data = parseYaml(text);
    else {
      try {
        data = JSON.parse(text);
      } catch {
        data = parseYaml(text);
      }
    }
  } catch (cause) {
    throw new CliError(
      'INVALID_CONFIG',
      `config file ${path}: not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(
      'INVALID_CONFIG',
      `config file ${path}: expected an object of option names to values at the top level, got ${Array.isArray(data) ? 'a list' : data === null ? 'nothing' : typeof data}`,
    );
  }
  return data as Record<string, unknown>;
}

/**
 * Checks a config object against a command's options and converts it to option values. Keys are the flag names
 * (`max-length`) or their camelCase (`maxLength`); relative paths are resolved against `configPath`'s folder.
 * @throws {CliError} `UNKNOWN_CONFIG_KEY` naming the key (with a "did you mean"), `INVALID_OPTION` naming the key.
 */
export function configValues(
  config: Readonly<Record<string, unknown>>,
  specs: OptionSpecs,
  configPath: string,
): Record<string, OptionScalar | OptionScalar[]> {
  const out: Record<string, OptionScalar | OptionScalar[]> = {};
  for (const [name, value] of Object.entries(config)) {
    const key = optionKey(name);
    const spec = Object.hasOwn(specs, key) ? specs[key] : undefined;
    if (!spec) {
      const known = Object.keys(specs).map(flagName);
      throw new CliError(
        'UNKNOWN_CONFIG_KEY',
        `config file ${configPath}: unknown key ${JSON.stringify(name)}${didYouMean(flagName(key), known)}; known keys: ${known.join(', ')}`,
      );
    }
    out[key] = valueFromConfig(
      spec,
      value,
      `config file ${configPath}: ${name}`,
      dirname(configPath),
    );
  }
  return out;
}

/**
 * Reads a config file and checks it against `specs` in one step (what `--config` does).
 * @example const defaults = await loadConfig('train.yaml', finetuneCommand.options);
 */
export async function loadConfig(
  path: string,
  specs: OptionSpecs,
): Promise<Record<string, OptionScalar | OptionScalar[]>> {
  return configValues(await readConfigFile(path), specs, path);
}
