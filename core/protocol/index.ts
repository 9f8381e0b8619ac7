/** The lab protocol (see messages.ts): types the UI may import, and the checks the host runs. */
export * from './messages.ts';
export { parseRequest, MAX_MESSAGE_BYTES } from './validate.ts';
