export {
  type CheckInstance,
  type CheckOptions,
  type CheckReport,
  type CheckRoute,
  type CheckSolution,
  type CheckTravel,
  type CheckVehicle,
  type CheckVisit,
  checkSolution,
  type Violation,
  type ViolationCode,
} from './check';
