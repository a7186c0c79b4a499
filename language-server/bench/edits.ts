/** The benchmark's edit number `i` of a manifest: every other edit changes one value, so each edit changes the text. */
export function editedText(text: string, i: number): string {
  return i % 2 ? text.replace(/serviceStaff: \d+/, 'serviceStaff: 15') : text;
}
