// The entry point of the classic-script build (dist/sws-client.js): a page that loads the client
// with <script src="/sws/sws-client.js"></script> gets the global SwsWebSocket, tweetnacl included.
import { SwsWebSocket } from './sws-client.js';

globalThis.SwsWebSocket = SwsWebSocket;
