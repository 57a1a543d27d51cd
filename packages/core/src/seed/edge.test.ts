import {
  EDGE_BODY_FLOOR_BYTES,
  EDGE_PROTECTIONS,
  edgePathClass,
  edgePathPattern,
  edgeProbes,
  edgeScope,
  HTTP_METHODS,
  type EdgeProtectionName,
} from './edge';

describe('edge decision table', () => {
  it('classifies paths: management API, cached paths, and the mock API as the rest', () => {
    expect(['/__mockforge/api/mocks', '/assets/a.js', '/static/b.css', '/configs/c.yaml', '/v1/orders', '/'].map(edgePathClass)).toEqual([
      'management',
      'assets',
      'assets',
      'configs',
      'mockApi',
      'mockApi',
    ]);
  });

  it('builds one RE2 prefix pattern per set of classes, and never for the mock API (it is the remainder)', () => {
    expect(edgePathPattern(['management', 'configs'])).toBe('^(?:/__mockforge/|/configs/)');
    expect(() => edgePathPattern(['mockApi'])).toThrow(/every other path/);
  });

  it('never blocks a method or a body on the mock and management APIs, and keeps attack signatures on the management API', () => {
    const admits: EdgeProtectionName[] = ['methodEnforcement', 'oversizeBody', 'missingUserAgent'];
    for (const p of admits) expect(edgeScope(p).count).toEqual(expect.arrayContaining(['mockApi', 'management']));
    for (const p of ['sqlInjection', 'crossSiteScripting'] as const)
      expect(edgeScope(p)).toEqual({ block: ['management', 'assets', 'configs'], count: ['mockApi'] });
    for (const p of ['knownExploits', 'ipReputation'] as const) expect(edgeScope(p).count).toEqual([]);
  });

  it('gives every exemption a written reason', () => {
    const exempted = (Object.keys(EDGE_PROTECTIONS) as EdgeProtectionName[]).filter((p) => edgeScope(p).count.length > 0);
    expect(exempted).toEqual([
      'sqlInjection',
      'crossSiteScripting',
      'fileInclusion',
      'remoteCodeExecution',
      'sessionFixation',
      'oversizeQueryString',
      'methodEnforcement',
      'oversizeBody',
      'missingUserAgent',
    ]);
    for (const p of exempted) expect(EDGE_PROTECTIONS[p].reason.length).toBeGreaterThan(40);
  });

  it('probes every method on the write paths with a 1 MiB body, and reads on the cached paths', () => {
    const probes = edgeProbes();
    expect(probes.filter((p) => p.path === '/v1/orders/42').map((p) => [p.method, p.bodyBytes])).toEqual(
      HTTP_METHODS.map((m) => [m, ['GET', 'HEAD', 'OPTIONS'].includes(m) ? 0 : EDGE_BODY_FLOOR_BYTES]),
    );
    expect(probes.filter((p) => p.path.startsWith('/assets/')).map((p) => p.method)).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(probes.every((p) => p.userAgent === undefined)).toBe(true);
    expect(EDGE_BODY_FLOOR_BYTES).toBe(1048576);
  });
});
