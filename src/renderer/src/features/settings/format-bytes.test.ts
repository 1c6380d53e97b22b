import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('counts small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
  });

  it('keeps one decimal below ten units and rounds above', () => {
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatBytes(45.4 * 1024 * 1024)).toBe('45 MB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TB');
  });
});
