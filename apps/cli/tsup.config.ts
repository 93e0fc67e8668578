import { packageConfig } from '../../tsup.base.ts';

// An application: one ESM executable that loads the @nnopt packages and tfjs backends from node_modules.
export default packageConfig(
  { cli: 'src/cli.ts' },
  { format: ['esm'], dts: false, banner: { js: '#!/usr/bin/env node' } },
);
