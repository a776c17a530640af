export { syntheticCityDay } from './city';
export { solomon25 } from './solomon25';
