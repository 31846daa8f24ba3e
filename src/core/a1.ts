/**
 * A1 notation: column letters, cell addresses and sheet-qualified addresses (0-based indexes).
 * Pure; shared by the Office adapter and the simulated host.
 */

/** "A" for 0, "Z" for 25, "AA" for 26 ... */
export function columnLetters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** The sheet part of "Sheet1!A1:B2", unquoted. */
export function sheetOf(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = bang < 0 ? "" : address.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** "Sheet1!A1" for a sheet name and a local address, quoting the name when needed. */
export function qualified(sheet: string, local: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${local}`;
}
