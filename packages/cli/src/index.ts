export { main, usage } from './main';
export { estimateCost, type CostEstimate, type CostLine } from '@mockforge-infra/composition';
export { topologyGraph, toMermaid, toDot, type TopologyGraph } from './diagram/graph';
