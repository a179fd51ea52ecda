import { isPrivateAddress } from '../network/cidr.js';

// A flow record is written by one ENI and one of its two addresses is the ENI's own. v2 records
// do not say which; the ENI's address is the one that recurs in its records, so count them.
const ADDRESSES_PER_ENI = 16;

/** Learns each ENI's own address(es) from its records, in bounded memory (at most 16 counted addresses per ENI). */
export class EniAddressLearner {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly known?: ReadonlyMap<string, ReadonlySet<string>>) {}

  /** Counts both addresses of one record. */
  observe(eni: string, src: string, dst: string): void {
    let counts = this.counts.get(eni);
    if (counts === undefined) {
      counts = new Map();
      this.counts.set(eni, counts);
    }
    for (const address of [src, dst]) {
      const count = counts.get(address);
      if (count !== undefined) counts.set(address, count + 1);
      else if (counts.size < ADDRESSES_PER_ENI) counts.set(address, 1);
    }
  }

  /**
   * True when `a` (rather than `b`) is the ENI's address: known addresses first, then the more
   * frequent, then the private one; null when nothing tells them apart.
   */
  isLocal(eni: string, a: string, b: string): boolean | null {
    const known = this.known?.get(eni);
    if (known !== undefined) {
      if (known.has(a) && !known.has(b)) return true;
      if (known.has(b) && !known.has(a)) return false;
    }
    const counts = this.counts.get(eni);
    const countA = counts?.get(a) ?? 0;
    const countB = counts?.get(b) ?? 0;
    if (countA !== countB) return countA > countB;
    const privateA = isPrivateAddress(a);
    const privateB = isPrivateAddress(b);
    if (privateA !== privateB) return privateA;
    return null;
  }
}
