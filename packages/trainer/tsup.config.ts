import { packageConfig } from '../../tsup.base.ts';

// `@nnopt/trainer/node` (files, datasets, checkpoints on disk) imports the browser-safe main entry by name.
export default packageConfig({ index: 'src/index.ts', node: 'src/node/index.ts' }, { external: ['@nnopt/trainer'] });
