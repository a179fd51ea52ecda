// Which end of a 5-tuple is the server. Flow logs do not say who opened a connection; the port
// numbers usually do: services listen on low or well-known ports, clients use ephemeral ones.

const IANA_EPHEMERAL = 49152;
const LINUX_EPHEMERAL = 32768;
const PRIVILEGED = 1024;

/**
 * True when the endpoint with `portA` is the server, false when `portB` is, null when the ports do
 * not say (the caller falls back to "the first record's destination is the server").
 */
export function firstIsServer(portA: number, portB: number): boolean | null {
  if (portA === portB) return null;
  if (portA < PRIVILEGED && portB >= PRIVILEGED) return true;
  if (portB < PRIVILEGED && portA >= PRIVILEGED) return false;
  for (const floor of [IANA_EPHEMERAL, LINUX_EPHEMERAL]) {
    if (portA < floor && portB >= floor) return true;
    if (portB < floor && portA >= floor) return false;
  }
  return null;
}
