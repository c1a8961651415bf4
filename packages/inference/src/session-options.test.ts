import { describe, expect, it } from 'vitest';
import { checkOptions, ortSessionOptions, sessionDevice } from './session-options';
import type { SessionOptions } from './types';

describe('sessionDevice', () => {
  it.each([
    [['cpu'], 'cpu'],
    [['cuda'], 'cuda'],
    [['cuda', 'cpu'], 'auto'],
  ] as const)(
    'reads executionProviders %j as the deprecated device %j',
    (executionProviders, device) => {
      expect(sessionDevice({ executionProviders })).toBe(device);
      expect(sessionDevice({ device })).toBe(device);
      expect(sessionDevice({ executionProviders, device })).toBe(device);
    },
  );

  it('runs on CPU when neither is given', () => {
    expect(sessionDevice({})).toBe('cpu');
  });
});

describe('ortSessionOptions', () => {
  it('passes the new thread names and their deprecated aliases on alike', () => {
    const threads: SessionOptions[] = [
      { intraOpNumThreads: 2, interOpNumThreads: 3 },
      { intraOpThreads: 2, interOpThreads: 3 },
      { intraOpNumThreads: 2, intraOpThreads: 2, interOpThreads: 3 },
    ];
    for (const provider of ['cpu', 'cuda'] as const) {
      const [a, ...rest] = threads.map((o) => ortSessionOptions(o, provider, false));
      expect(a).toMatchObject({ intraOpNumThreads: 2, interOpNumThreads: 3 });
      for (const b of rest) expect(b).toEqual(a);
    }
  });
});

describe('checkOptions', () => {
  it('takes every executionProviders list and device value it supports', () => {
    for (const executionProviders of [['cpu'], ['cuda'], ['cuda', 'cpu']] as const)
      expect(() => checkOptions({ executionProviders })).not.toThrow();
    for (const device of ['cpu', 'cuda', 'auto'] as const)
      expect(() => checkOptions({ device })).not.toThrow();
  });

  it.each([[[]], [['gpu']], [['cpu', 'cuda']], [['cuda', 'cuda']], ['cuda']])(
    'throws INVALID_OPTION listing the supported lists for executionProviders %j',
    (executionProviders) => {
      expect(() => checkOptions({ executionProviders } as never)).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          message: expect.stringContaining(
            `createSession: executionProviders must be ["cpu"], ["cuda"] or ["cuda","cpu"]`,
          ),
        }),
      );
    },
  );

  it('throws INVALID_OPTION for a deprecated alias that disagrees with the new name', () => {
    expect(() => checkOptions({ executionProviders: ['cpu'], device: 'auto' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message:
          'createSession: device must be left out or equal to executionProviders ("cpu"), whose deprecated alias ' +
          'it is, got "auto"',
      }),
    );
    expect(() => checkOptions({ intraOpNumThreads: 1, intraOpThreads: 2 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('intraOpThreads'),
      }),
    );
    expect(() => checkOptions({ interOpNumThreads: 1, interOpThreads: 2 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('interOpThreads'),
      }),
    );
  });

  it('checks the new thread names like the old ones', () => {
    expect(() => checkOptions({ intraOpNumThreads: -1 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('intraOpNumThreads'),
      }),
    );
    expect(() => checkOptions({ interOpNumThreads: 1025 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('interOpNumThreads'),
      }),
    );
  });
});
