export type {
  Instance,
  Objective,
  PlannedRoute,
  Solution,
  SolveOptions,
  TimeWindow,
  TravelPort,
  UnassignedReason,
  Vehicle,
  Visit,
} from './model';
export { parseSolomon } from './solomon';
export { defaultSearch, type SearchParameters, solve } from './solve';
export {
  euclideanTravel,
  type HaversineOptions,
  haversineTravel,
  type LatLon,
  matrixTravel,
  type Point,
} from './travel';
