import { expectTypeOf, test } from 'vitest';
import { defineCommand } from './define-command';
import type { AnyCommand, OptionValues } from './types';

const command = defineCommand({
  name: 'demo',
  summary: 'types',
  usage: '',
  examples: ['a', 'b'],
  options: {
    model: { type: 'path', required: true, description: '' },
    input: { type: 'string', description: '' },
    format: { type: 'string', choices: ['jsonl', 'ids'], default: 'jsonl', description: '' },
    batchSize: { type: 'integer', default: 32, description: '' },
    rate: { type: 'number', description: '' },
    quiet: { type: 'boolean', description: '' },
    stop: { type: 'string', multiple: true, description: '' },
  },
  async run() {},
});

test('run receives option values typed from the specs', () => {
  expectTypeOf<OptionValues<typeof command.options>>().toEqualTypeOf<{
    readonly model: string;
    readonly input: string | undefined;
    readonly format: 'jsonl' | 'ids';
    readonly batchSize: number;
    readonly rate: number | undefined;
    readonly quiet: boolean;
    readonly stop: string[];
  }>();
});

test('a typed command fits the registry', () => {
  expectTypeOf(command).toExtend<AnyCommand>();
});
