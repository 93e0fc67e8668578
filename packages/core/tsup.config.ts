import { packageConfig } from '../../tsup.base.ts';

// `@nnopt/core/testing` imports the main entry by name, so both entries share one copy of it.
export default packageConfig({ index: 'src/index.ts', testing: 'src/testing/index.ts' }, { external: ['@nnopt/core'] });
