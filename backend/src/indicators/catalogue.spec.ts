import { formatValue } from './catalogue';

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
