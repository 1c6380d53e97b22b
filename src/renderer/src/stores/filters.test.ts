// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { filterSearch, readFilters } from './filters';

describe('the selection in the URL', () => {
  it('reads repeated project and environment parameters, "" being (No Environment)', () => {
    expect(
      readFilters('?project=2&environment=production&environment=&environment=staging&project=x'),
    ).toEqual({
      projectIds: [2],
      environments: ['production', '', 'staging'],
    });
    expect(readFilters('')).toEqual({ projectIds: [], environments: [] });
  });

  it('writes a selection back, keeping the other parameters', () => {
    const search = filterSearch(
      { projectIds: [1], environments: ['eu prod', 'staging'] },
      'query=is%3Aresolved&environment=old',
    );
    expect(search).toBe('?query=is%3Aresolved&project=1&environment=eu+prod&environment=staging');
    expect(readFilters(search).environments).toEqual(['eu prod', 'staging']);
    expect(filterSearch({ projectIds: [], environments: [] })).toBe('');
  });
});
