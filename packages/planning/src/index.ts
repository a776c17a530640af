import type { AnyPlanningPolicy } from '@doorstep/core';
import { routeOptimised } from './route-optimised';

export { createRouteOptimised, type RouteOptimisedPorts, routeOptimised } from './route-optimised';
export {
  haversineTable,
  haversineTravelTimes,
  placeKey,
  type TravelProfile,
  type TravelProfiles,
} from './travel/haversine';

/** Register with `createRegistry(builtInPolicies, { planning: planningPolicies })`. */
export const planningPolicies = [routeOptimised] satisfies AnyPlanningPolicy[];
