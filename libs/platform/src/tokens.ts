export const LOGGER = Symbol('LOGGER');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
