/** A DNS name as compared and displayed: without the root's trailing dot, lowercase (DNS names are case-insensitive). */
export function normalizeDnsName(name: string): string {
  const withoutDot = name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
  return withoutDot.toLowerCase();
}
