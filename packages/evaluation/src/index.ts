export type { Interval } from './stats/interval';
export { normalCdf, normalDensity, normalQuantile } from './stats/normal';
export { sampleSizeForTwoProportions, type TwoProportionPlan } from './stats/power';
export { newcombeDifference, type Proportion, wilsonInterval } from './stats/proportions';
export { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './stats/student-t';
export {
  meanAndVariance,
  momentsOf,
  type SampleMoments,
  type WelchInterval,
  welchDifference,
} from './stats/welch';
