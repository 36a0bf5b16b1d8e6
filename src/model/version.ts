// The tool's version: package.json's, bundled into dist/.
import pkg from '../../package.json' with { type: 'json' };

export const TOOL_VERSION: string = pkg.version;
