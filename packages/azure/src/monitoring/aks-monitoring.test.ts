import { pendingPeriod } from './aks-monitoring';

describe('pendingPeriod', () => {
  it("keeps a rule's duration, and raises none to Azure's one-minute minimum", () => {
    expect(pendingPeriod('300s')).toBe('PT5M');
    expect(pendingPeriod('600s')).toBe('PT10M');
    expect(pendingPeriod('0s')).toBe('PT1M');
    expect(pendingPeriod('30s')).toBe('PT1M');
    expect(() => pendingPeriod('5m')).toThrow(/unsupported Prometheus duration 5m/);
  });
});
