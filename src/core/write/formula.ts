/**
 * The formula dialect the product writes: what Excel 2013+, WPS and LibreOffice all compute the same.
 */
export const ALLOWED_FUNCTIONS = ["IF", "IFERROR", "ROUND", "MIN", "MAX", "SUM", "SUMPRODUCT", "INDEX", "MATCH"] as const;

/** Function names a formula calls (outside string literals). */
export function functionsIn(formula: string): string[] {
  const names = new Set<string>();
  formula.split('"').forEach((part, i) => {
    if (i % 2 === 1) return;
    for (const m of part.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) names.add(m[1].toUpperCase());
  });
  return [...names];
}

/** Names a formula calls that are not in the allowed set (empty when it is portable). */
export function disallowedFunctions(formula: string): string[] {
  return functionsIn(formula).filter((n) => !(ALLOWED_FUNCTIONS as readonly string[]).includes(n));
}
