import { formatValue, meetsTarget } from './catalogue';

describe('an indicator value as people read it', () => {
  it('follows the reader language: Indonesian decimal commas and grouping, English points', () => {
    expect(formatValue('share', 0.6, 'id')).toBe('60,0%');
    expect(formatValue('share', 0.6, 'en')).toBe('60.0%');
    expect(formatValue('points', 0.123, 'id')).toBe('+12,3');
    expect(formatValue('points', -0.05, 'en')).toBe('-5.0');
    expect(formatValue('days', 9.5, 'id')).toBe('9,5');
    expect(formatValue('count', 12345, 'id')).toBe('12.345');
    expect(formatValue('share', null, 'id')).toBe('–');
  });
});

describe('a value against its target', () => {
  it('is met at the target, above it when higher is better, below it when lower is better; unknown without a value', () => {
    expect([meetsTarget(true, 0.8, 0.8), meetsTarget(true, 0.79, 0.8), meetsTarget(true, 0.9, 0.8)]).toEqual([true, false, true]);
    expect([meetsTarget(false, 30, 30), meetsTarget(false, 31, 30), meetsTarget(false, 12, 30)]).toEqual([true, false, true]);
    expect(meetsTarget(true, null, 0.8)).toBeNull();
  });
});
