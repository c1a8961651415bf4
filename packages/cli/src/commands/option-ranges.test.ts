import { describe, expect, it } from 'vitest';
import { builtinCommands } from './builtin-commands';

describe('numeric options of every command', () => {
  it('have a documented range, both ends, that contains their default', () => {
    const problems: string[] = [];
    for (const command of builtinCommands) {
      for (const [key, spec] of Object.entries(command.options)) {
        if (spec.type !== 'number' && spec.type !== 'integer') continue;
        const name = `${command.name} --${key}`;
        if (spec.min === undefined || spec.max === undefined) problems.push(`${name}: no range`);
        else if (!(spec.min <= spec.max)) problems.push(`${name}: empty range`);
        else if (spec.default !== undefined && (spec.default < spec.min || spec.default > spec.max))
          problems.push(`${name}: default ${spec.default} outside ${spec.min}–${spec.max}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
