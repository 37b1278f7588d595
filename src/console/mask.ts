/**
 * Personal data out of citizens' messages before they become corpus examples: numbers (Aadhaar, phone,
 * account, application and consumer numbers, dates of birth), e-mail addresses, and names said after
 * "my name is" / "mo naa" / "ମୋ ନାମ". The placeholder is one obviously fake token, so a masked example
 * still reads naturally and teaches the classifier nothing about the hidden value.
 */

export const PLACEHOLDER = 'XXXX';

const DIGIT = '[0-9\\u0B66-\\u0B6F\\u0966-\\u096F]';
/** Digits, possibly grouped by single spaces, dots, dashes or slashes: "98765 43210", "12/05/1990". */
const DIGIT_RUN = new RegExp(`\\+?${DIGIT}(?:[ ./-]?${DIGIT})+`, 'g');
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Minimum digits in a run for it to be masked: short numbers (amounts, years, counts) carry meaning. */
export const MIN_DIGITS = 6;

/**
 * Words after which a name follows. Latin triggers are matched case-insensitively on word boundaries;
 * an optional copula ("is", "hela", "ହେଲା") may follow the trigger.
 */
const NAME_TRIGGERS = [
  'my name is', "my name's", 'my good name is', 'name is', 'i am called', 'myself',
  'mo naa', 'mo na', 'mo nam', 'mo nama', 'mo naam', 'mo name', 'mora naa', 'mora na', 'mora nam', 'mora nama', 'mora naam', 'mora name',
  'ମୋ ନାମ', 'ମୋର ନାମ', 'ମୋ ନାଁ', 'ମୋର ନାଁ', 'ମୋ ନା', 'ମୋର ନା', 'ମୋ ନାଆଁ', 'ମୋର ନାଆଁ',
];
const COPULAS = new Set(['is', 'hela', 'hala', 'heuchi', 'hauchi', 'ହେଲା', 'ହେଉଛି', ':', '-']);

/** Words that end a name (or show there was none: "my name is wrong on the card"). */
const NOT_NAME = new Set(
  [
    // English
    'i', 'im', "i'm", 'and', 'my', 'me', 'need', 'needs', 'want', 'wants', 'am', 'from', 'please', 'pls', 'plz', 'sir', 'madam', 'to',
    'for', 'in', 'on', 'of', 'the', 'a', 'an', 'is', 'was', 'has', 'have', 'had', 'but', 'wrong', 'incorrect', 'correct', 'correction',
    'change', 'changed', 'spelled', 'spelling', 'spelt', 'not', 'no', 'it', 'its', 'with', 'required', 'missing', 'mistake', 'in',
    'father', 'mother', 'son', 'daughter', 'wife', 'husband', 'do', 'does', 'how', 'what', 'where', 'when', 'why', 'can', 'could',
    'will', 'should', 'there', 'this', 'that', 'also', 'only', 'same', 'different', 'different', 'printed', 'written', 'should',
    'ration', 'aadhaar', 'aadhar', 'card', 'certificate', 'as', 'at', 'by', 'be', 'been', 'so', 'too', 'wants', 'apply', 'applied',
    // Odia in Latin letters
    'mu', 'mun', 'mote', 'mora', 'mo', 're', 'ra', 'ru', 'ku', 'ta', 'ti', 'pain', 'paain', 'achi', 'achhi', 'bhul', 'bhula', 'thik',
    'nahi', 'nahin', 'au', 'ebe', 'kemiti', 'darkar', 'dorkar', 'karibi', 'kariba', 'karibaku', 'badali', 'badalibaku', 'sudhara',
    'sudharibaku', 'lekha', 'lekhahoichi', 'hoichi', 'hoigala', 'heigala', 'card', 'bapa', 'maa', 'ki', 'kana', 'kn', 'jaha',
    // Odia script
    'ମୁଁ', 'ମୋତେ', 'ମୋର', 'ମୋ', 'ରେ', 'ର', 'ରୁ', 'କୁ', 'ପାଇଁ', 'ଅଛି', 'ଭୁଲ', 'ଠିକ', 'ନାହିଁ', 'ଆଉ', 'ଏବେ', 'କେମିତି', 'ଦରକାର', 'କରିବି',
    'ବଦଳାଇବି', 'ବଦଳାଇବାକୁ', 'ସୁଧାରିବାକୁ', 'ଲେଖା', 'ହୋଇଛି', 'ହୋଇଗଲା', 'ଓ', 'ଏବଂ', 'କି', 'କଣ', 'ଭୁଲ୍',
  ].map((w) => w.toLowerCase()),
);

/** At most this many words after a trigger are taken as the name. */
const NAME_WORDS = 3;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest triggers first, so "mora naam" wins over "mora na". */
const TRIGGER = new RegExp(
  `(^|[\\s,.;:!?()"'“”।])(${[...NAME_TRIGGERS].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?=[\\s,:;-])`,
  'giu',
);

function maskNames(text: string, placeholder: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TRIGGER)) {
    const start = m.index + m[1]!.length + m[2]!.length;
    if (start < last) continue;
    // Words after the trigger, up to punctuation.
    const rest = text.slice(start);
    const words = [...rest.matchAll(/[^\s,.;!?()"“”।]+|[,.;!?()"“”।]/gu)];
    let i = 0;
    while (i < words.length && COPULAS.has(words[i]![0].toLowerCase())) i += 1;
    const nameWords: RegExpMatchArray[] = [];
    while (i < words.length && nameWords.length < NAME_WORDS) {
      const w = words[i]![0];
      if (/^[,.;!?()"“”।]$/u.test(w) || NOT_NAME.has(w.toLowerCase()) || w === placeholder) break;
      if (/\d/.test(w)) break;
      nameWords.push(words[i]!);
      i += 1;
    }
    if (nameWords.length === 0) continue;
    const from = start + (nameWords[0]!.index ?? 0);
    const lastWord = nameWords.at(-1)!;
    const to = start + (lastWord.index ?? 0) + lastWord[0].length;
    out += text.slice(last, from) + placeholder;
    last = to;
  }
  return out + text.slice(last);
}

/**
 * Mask personal data in a citizen's message. `placeholder` '' removes it instead (used to detect the
 * language of what is left).
 */
export function maskPersonalData(text: string, placeholder = PLACEHOLDER): string {
  let out = text.replace(EMAIL, placeholder);
  out = out.replace(DIGIT_RUN, (run) => (run.replace(/[^0-9\u0B66-\u0B6F\u0966-\u096F]/g, '').length >= MIN_DIGITS ? placeholder : run));
  out = maskNames(out, placeholder);
  return out.replace(/\s+/g, ' ').trim();
}

/** A corpus example from a message: one line, masked, of a sane length. */
export function toExample(text: string, maxLength = 300): string {
  const line = maskPersonalData(text.replace(/[\r\n\t]+/g, ' '));
  return [...line].slice(0, maxLength).join('').trim();
}
