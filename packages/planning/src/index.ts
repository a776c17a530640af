import type { AnyPlanningPolicy } from '@doorstep/core';
import { routeOptimised } from './route-optimised';

export { createRouteOptimised, type RouteOptimisedPorts, routeOptimised } from './route-optimised';

/** Register with `createRegistry(builtInPolicies, { planning: planningPolicies })`. */
export const planningPolicies = [routeOptimised] satisfies AnyPlanningPolicy[];
