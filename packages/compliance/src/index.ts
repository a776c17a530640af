export {
  allowedWindows,
  type DailyHours,
  type LocalSpan,
  type WindowsQuery,
} from './windows/allowed-windows';
export type { Interval } from './windows/spans';
