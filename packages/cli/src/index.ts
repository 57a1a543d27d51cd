export { main, usage } from './main';
export { estimateCost, type CostEstimate, type CostLine } from './cost/estimate';
export { topologyGraph, toMermaid, toDot, type TopologyGraph } from './diagram/graph';
