// Names the engine tests share: the local stand-in bases (scripts/build-standins.sh)
// and the images the global set-up builds once.
export const STANDIN_PYTHON = process.env.WG_STANDIN_PYTHON ?? 'worker-gate-standin/python:3.12-slim';
export const STANDIN_PYTHON_313 = process.env.WG_STANDIN_PYTHON_313 ?? 'worker-gate-standin/python:3.13-slim';
export const STANDIN_UV = process.env.WG_STANDIN_UV ?? 'worker-gate-standin/uv:0.13.9';

export const SLIM_IMAGE = 'worker-gate-test/slim:latest';

export const standinBuildArgs = { PYTHON_IMAGE: STANDIN_PYTHON, UV_IMAGE: STANDIN_UV };
