export { DEBIAN_FASHION_MNIST, loadMnistFormat, readIdxFile } from './datasets';
export { directoryStore, eventFileSink, fileSink, writeFileAtomic } from './files';
