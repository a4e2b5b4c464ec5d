/** Dates as the rules see them: calendar days in Asia/Shanghai. */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const shanghaiTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

export function todayInShanghai(offsetDays = 0): string {
  return shanghaiDate.format(new Date(Date.now() + offsetDays * 86_400_000));
}

export function dateOf(instant: string): string {
  return shanghaiDate.format(new Date(instant));
}

export function timeOf(instant: string): string {
  return shanghaiTime.format(new Date(instant));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
