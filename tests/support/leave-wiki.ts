/**
 * A small wiki of three sections that link to each other (People, Finance, IT: seven pages), for
 * the tests of incremental builds, written into a test repository's `content/`.
 */
export const leaveWiki: Record<string, string> = {
  'content/hr/index.md': '---\ntitle: People\n---\nEverything about working here.\n',
  'content/hr/annual-leave.md': '---\ntitle: Annual leave\n---\nBook your leave early. See also [[Parental leave]].\n',
  'content/hr/sick-leave.md': '---\ntitle: Sick leave\n---\nTell your manager. See [[hr/annual-leave]].\n',
  'content/hr/parental-leave.md': '---\ntitle: Parental leave\n---\nTalk to HR.\n',
  'content/finance/expenses.md': '---\ntitle: Expenses\n---\nTravel during [[Annual leave]] is not refunded.\n',
  'content/finance/travel.md': '---\ntitle: Travel\n---\nBook through the portal.\n',
  'content/it/vpn.md': '---\ntitle: VPN\n---\nConnect before you work.\n',
};

export async function writeLeaveWiki(repo: { write(file: string, text: string): Promise<void> }, changes: Record<string, string> = {}): Promise<void> {
  for (const [file, text] of Object.entries({ ...leaveWiki, ...changes })) await repo.write(file, text);
}
