/**
 * Finds text that looks like a Swedish personal identity number (personnummer or
 * samordningsnummer), so the form can warn before it is sent (LG-07). We never ask for one; an
 * idea text that contains one is personal data about someone that does not belong in an idea.
 *
 * A match must have a valid date (days 61–91 are samordningsnummer) and a valid Luhn check digit.
 * Ten digits written together and starting with 0 are read as a phone number (every Swedish phone
 * number starts with 0), so "0701234567" draws no warning; a personnummer of someone born in the
 * 2000s is still caught when written with a hyphen ("050101-1234") or with the century.
 */
const candidatePattern = /(?<!\d)((?:19|20)?)(\d{6})([-+]?)(\d{4})(?!\d)/g;

/** The Luhn checksum over the ten digits YYMMDDNNNC: true when the check digit is right. */
export function hasValidLuhn(tenDigits: string): boolean {
  let sum = 0;
  for (let index = 0; index < tenDigits.length; index += 1) {
    let digit = Number(tenDigits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

function isValidDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** The substrings of the text that look like personal identity numbers, in order. */
export function findPersonnummer(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(candidatePattern)) {
    const [whole, century, date, separator, last4] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (!century && !separator && date.startsWith("0")) continue;
    if (isValidDate(date) && hasValidLuhn(`${date}${last4}`)) found.push(whole);
  }
  return found;
}
