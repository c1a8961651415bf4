import type { Command, OptionSpecs } from './types';

/**
 * Declares a command with its option types inferred from the specs, so `run` receives typed values.
 * @example
 * export const hello = defineCommand({
 *   name: 'hello', summary: 'greet', usage: '[--name NAME]', examples: ['nlpft hello', 'nlpft hello --name Ada'],
 *   options: { name: { type: 'string', default: 'world', description: 'who to greet' } },
 *   async run({ options }, io) { io.stdout.write(`hello ${options.name}\n`); },
 * });
 */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}
