export {
  type CityAgent,
  type CityDayOptions,
  type CityDayPlan,
  type CityRoute,
  type CityStop,
  type CityVisit,
  cityDayInstance,
  type Interval,
  planCityDay,
  replan,
} from './city-day';
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
export { defaultSearch, insertMissing, type SearchParameters, solve } from './solve';
export {
  euclideanTravel,
  type HaversineOptions,
  haversineTravel,
  type LatLon,
  matrixTravel,
  type Point,
} from './travel';
