import { describe, expect, it } from 'vitest';
import { parseRole, parseTtl } from '../src/commands/token.ts';

describe('marquee token options', () => {
  it('reads durations in seconds, minutes, hours and days', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('7d')).toBe(604_800);
  });

  it('refuses durations that are empty, zero, negative, fractional, unknown or over a year', () => {
    for (const value of ['', '0', '-1h', '1.5h', '1w', 'h', '366d'])
      expect(() => parseTtl(value)).toThrow(/expected a duration/);
  });

  it('accepts admin or user in any case and nothing else', () => {
    expect(parseRole('admin')).toBe('ADMIN');
    expect(parseRole('USER')).toBe('USER');
    expect(() => parseRole('root')).toThrow(/expected admin or user/);
  });
});
