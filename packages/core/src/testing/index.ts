export { expectClose, type Tolerance } from './close';
export { forEachBackend, testBackends } from './for-each-backend';
export { expectFlatMemory, expectNoLeaks } from './leaks';
