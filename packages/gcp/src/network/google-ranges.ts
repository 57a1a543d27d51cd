/**
 * Source ranges of Google's front ends: every global external Application Load Balancer
 * request and health check reaches the VPC from these, never from 0.0.0.0/0.
 */
export const GOOGLE_FRONT_END_RANGES = ['130.211.0.0/22', '35.191.0.0/16'] as const;

/** The service producer for Cloud SQL and Memorystore private IPs. */
export const SERVICE_NETWORKING_API = 'servicenetworking.googleapis.com';
